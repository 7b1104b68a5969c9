from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from articles.sitemaps import ArticleSitemap
from core.sitemaps import PageSitemap
from core.views import robots_txt
from ops import views as ops_views
from ops.two_factor import TwitchAdminSite
from triage.admin_views import rules_page

# django-otp's way to put its rule on the default site (ops/two_factor.py).
admin.site.__class__ = TwitchAdminSite
admin.site.site_header = "Twitch: content administration"
admin.site.site_title = "Twitch admin"

SITEMAPS = {
    "articles": ArticleSitemap,
    "pages": PageSitemap(["articles:home", "articles:list", "triage:form", "triage:privacy"]),
}

urlpatterns = [
    path("", include("articles.urls")),
    path("", include("triage.urls")),
    path("", include("feedback.urls")),
    path("healthz", ops_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    path("metrics", ops_views.metrics, name="metrics"),
    # An index of sections, each a few hundred addresses: any one request stays quick.
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path(f"{settings.ADMIN_URL}login/", ops_views.admin_login),
    # Before the admin's own addresses, which would take triage/... for a model.
    path(
        f"{settings.ADMIN_URL}triage/rules/", admin.site.admin_view(rules_page), name="triage_rules"
    ),
    path(
        f"{settings.ADMIN_URL}two-factor/",
        admin.site.admin_view(ops_views.two_factor),
        name="two_factor",
    ),
    path(
        f"{settings.ADMIN_URL}two-factor/authenticator/",
        admin.site.admin_view(ops_views.two_factor_authenticator),
        name="two_factor_authenticator",
    ),
    path(settings.ADMIN_URL, admin.site.urls),
]

handler500 = "core.views.server_error"
