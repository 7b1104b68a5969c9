from django.urls import path

from triage import views

app_name = "triage"

urlpatterns = [
    path("triage/", views.triage, name="form"),
    path("triage/concern/", views.concern, name="concern"),
    path("privacy/", views.privacy, name="privacy"),
]
