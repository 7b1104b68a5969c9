from django.urls import path

from triage import views

app_name = "triage"

urlpatterns = [
    path("triage/", views.triage, name="form"),
    path("privacy/", views.privacy, name="privacy"),
]
