from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Twitch: content administration"
admin.site.site_title = "Twitch admin"

urlpatterns = [
    path("", include("articles.urls")),
    path("", include("triage.urls")),
    path("admin/", admin.site.urls),
]

handler500 = "articles.views.server_error"
