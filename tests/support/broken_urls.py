"""A URL configuration with a view that fails, to see the 500 page a reader would get."""

from django.urls import path

from twitchsite.urls import handler500, urlpatterns


def broken(request):
    raise RuntimeError("something went wrong")


urlpatterns = [*urlpatterns, path("broken/", broken)]

__all__ = ["handler500", "urlpatterns"]
