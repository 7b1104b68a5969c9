from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from ops import views as ops_views

admin.site.site_header = "Twitch: content administration"
admin.site.site_title = "Twitch admin"

urlpatterns = [
    path("", include("articles.urls")),
    path("", include("triage.urls")),
    path("healthz", ops_views.healthz, name="healthz"),
    path(f"{settings.ADMIN_URL}login/", ops_views.admin_login),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "ops.views.server_error"
