"""The fast path of the public feeds: whole responses served from the cache.

The website and calendar apps fetch the public feeds far more often than
staff open pages. The feed views already keep their rendered body in the
cache, but each request still walked through every middleware (sessions,
login, second factor, CSP …) and asked the database whether events changed.
``PublicFeedCacheMiddleware`` (first in ``MIDDLEWARE``) keeps the complete
response a feed gave, as it left the last middleware: status, every header,
body. The next request that would get the same response is answered with it
at once.

The same response means: same scheme, host, path, allowed query parameters
and language, and a request without cookies (a signed-in browser gets
``Vary: Cookie`` answers and goes the normal way). A stored response is
served only while the data generation (``kiallianz.caching``) is the one it
was built at, so a committed change to any event or partner is seen at the
next request, and for at most ``RESPONSE_CACHE_SECONDS``. Only 200 answers
without cookies are stored, so a redirect to HTTPS, a refused host or an
unknown region never is. When the cache fails, the request takes the normal
way (which answers from the database) and the fast path is skipped for
``caching.BACKOFF_SECONDS``, so a hanging cache costs one timeout per worker and
interval rather than one per request.

Both ways add an ``ETag`` and answer ``If-None-Match`` with 304 in this one
place, so they give the same answers.
"""

import functools
import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag

from kiallianz import caching

KEY_PREFIX = "feedcache:"
SAFE_VALUE = re.compile(r"[-\w]{1,60}")


def public_feed(*, query: tuple[str, ...] = ()):
    """Marks a public feed view for the fast path. ``query``: the GET
    parameters the view reads; a request with any other one is not stored."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.public_feed_query = frozenset(query)
            return response

        return wrapped

    return decorator


class PublicFeedCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Paths that answered as a public feed in this process: only these
        # are looked up, so other requests cost no cache round trip.
        self.feed_paths: set[str] = set()

    def __call__(self, request):
        key = cache_key(request)
        response = None
        generation = None
        lookup = key is not None and not caching.cache_suspended()
        if lookup and request.path_info in self.feed_paths:
            generation, response = self.lookup(key)
        if response is None:
            response = self.get_response(request)
            feed_query = getattr(response, "public_feed_query", None)
            if feed_query is None:
                return response
            set_etag(response)
            if lookup and storable(request, response, feed_query):
                self.feed_paths.add(request.path_info)
                self.store(key, response, generation)
        return conditional(request, response)

    def lookup(self, key: str) -> tuple[int | None, HttpResponse | None]:
        try:
            found = cache.get_many([caching.GENERATION_KEY, key])
        except Exception as error:  # any cache client error: the normal way answers
            caching.outage_log.report(error)
            return None, None
        generation, stored = found.get(caching.GENERATION_KEY), found.get(key)
        if generation is None or stored is None or stored[0] != generation:
            return generation, None
        _generation, status, headers, body = stored
        response = HttpResponse(body, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.public_feed_query = frozenset()
        return generation, response

    def store(self, key: str, response: HttpResponse, generation: int | None) -> None:
        # Read before the response was built: a write committed meanwhile
        # has moved the generation on, and this entry is never served.
        if generation is None:
            generation = caching.data_generation()
            if generation is None:
                return
        entry = (generation, response.status_code, list(response.items()), response.content)
        try:
            cache.set(key, entry, settings.RESPONSE_CACHE_SECONDS)
        except Exception as error:
            caching.outage_log.report(error)


def cache_key(request) -> str | None:
    """The key of the response this request would get, or None when it
    cannot take the fast path (not a GET, cookies, odd query parameters)."""
    if settings.RESPONSE_CACHE_SECONDS <= 0 or request.method != "GET":
        return None
    cookies = request.COOKIES
    language = ""
    if cookies:
        language = cookies.get(settings.LANGUAGE_COOKIE_NAME, "")
        if len(cookies) > 1 or language not in dict(settings.LANGUAGES):
            return None
    query = request.GET
    for name in query:
        values = query.getlist(name)
        if len(values) != 1 or not SAFE_VALUE.fullmatch(name + values[0]):
            return None
    scheme = "https" if request.is_secure() else "http"
    host = request.META.get("HTTP_HOST", "").lower()
    return f"{KEY_PREFIX}{scheme}:{host}:{language}:{request.path_info}?{query.urlencode()}"


def storable(request, response: HttpResponse, feed_query: frozenset) -> bool:
    return (
        response.status_code == 200
        and not response.cookies
        and "public" in response.get("Cache-Control", "")
        and set(request.GET) <= feed_query
    )


def set_etag(response: HttpResponse) -> None:
    if response.status_code == 200 and not response.has_header("ETag"):
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        response["ETag"] = quote_etag(digest)


def conditional(request, response: HttpResponse) -> HttpResponse:
    """304 when the client holds this version (If-None-Match)."""
    if response.status_code != 200 or request.method not in ("GET", "HEAD"):
        return response
    return get_conditional_response(request, etag=response["ETag"], response=response)
