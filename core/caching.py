"""Whole public pages kept in Django's cache, with headers that let browsers and shared
caches keep them briefly and then revalidate (see docs/decisions/006-page-caching.md).

Every cached page's key holds the content generation: a token in the cache that changes
whenever any article is saved, deleted or relinked. Saving one article can change other
pages (the pages that link to it, the lists), so invalidation is global: the old keys
are simply never asked for again and expire.
"""

import hashlib
import secrets
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
)
from django.utils.http import http_date, parse_http_date_safe, urlencode

from core.faults import PAGE_CACHE

GENERATION_KEY = "content-generation"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def content_generation() -> str | None:
    """The current generation, or None while the cache cannot be reached."""

    def read() -> str | None:
        cache = page_cache()
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
            generation = cache.get(GENERATION_KEY)
        return generation

    return PAGE_CACHE.call(read, None)


def content_changed(**kwargs) -> None:
    """Every cached page is out of date: called by each write to an article.

    Changed now, for this thread's next request, and again once the transaction commits:
    a page rendered by another request before the commit may hold the old text under the
    new generation.
    """
    new_generation()
    transaction.on_commit(new_generation, using=kwargs.get("using"))


def new_generation(**kwargs) -> None:
    # A save never fails for want of the cache: pages kept before it expire within
    # PAGE_CACHE_SECONDS of the cache coming back.
    PAGE_CACHE.call(lambda: page_cache().set(GENERATION_KEY, secrets.token_hex(8), None), None)


def cached_page(*, query: tuple[str, ...] = (), shared: bool = True) -> Callable:
    """Mark a view's page as cacheable for visitors who are not logged in.

    `query` names the query parameters the page depends on; any others (a tracking
    parameter, a cache buster) neither change the page nor make a new cache entry.
    `shared`: browsers and shared caches (nginx, a CDN) may keep the page for
    PAGE_MAX_AGE; otherwise only this site's cache keeps it and browsers revalidate.
    Logged-in users (staff see drafts) always get a fresh page that no one may store.
    Only 200 responses are cached; error pages are left as they are.
    PageCacheMiddleware keeps and serves the pages.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            response = view(request, *args, **kwargs)
            if request.user.is_authenticated:
                add_never_cache_headers(response)
            elif response.status_code == 200:
                _mark_cacheable(response, shared)
            return response

        wrapper.page_cache_query = query
        return wrapper

    return decorator


class PageCacheMiddleware:
    """Serve pages marked with `cached_page` from the cache, before sessions, users, CSRF
    and the URL's view are even looked at: a reader's page costs a cache read.

    Placed right after WhiteNoise: the security headers (CSP and the rest) are still added
    to every response by the middleware above it. A request with a session cookie (staff)
    always goes through to the view. A page is kept only as the inner middleware leave it,
    and only if it sets no cookie.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # A cache that fails is a miss: the page is rendered and not kept.
        key = self._key(request)
        if key is not None:
            response = PAGE_CACHE.call(lambda: page_cache().get(key), None)
            if response is not None:
                return _conditional(request, response)
        response = self.get_response(request)
        if not getattr(response, "page_cache", False):
            return response
        if key is not None and not response.cookies:
            PAGE_CACHE.call(
                lambda: page_cache().set(key, response, settings.PAGE_CACHE_SECONDS), None
            )
        return _conditional(request, response)

    @staticmethod
    def _key(request: HttpRequest) -> str | None:
        if request.method not in {"GET", "HEAD"}:
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        try:
            view = resolve(request.path_info).func
        except Resolver404:
            return None
        query = getattr(view, "page_cache_query", None)
        return None if query is None else _page_key(request, query)


def _conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A 304 when the client's copy is this one (If-None-Match) or as new (If-Modified-Since)."""
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response["Last-Modified"]),
        response=response,
    )


def _page_key(request: HttpRequest, query: tuple[str, ...]) -> str | None:
    generation = content_generation()
    if generation is None:
        return None
    # Scheme and host are part of the page (canonical link, Open Graph URL).
    params = urlencode([(name, request.GET.get(name, "")) for name in query])
    address = f"{request.scheme}://{request.get_host()}{request.path}?{params}"
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"page:{generation}:{digest}"


def _mark_cacheable(response: HttpResponse, shared: bool) -> None:
    response.page_cache = True
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    # The time this copy was made: a client holding one at least as new gets a 304.
    response["Last-Modified"] = http_date(time.time())
    if shared:
        patch_cache_control(response, public=True, max_age=settings.PAGE_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
