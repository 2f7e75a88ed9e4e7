"""Whole-page cache for anonymous visitors that never serves stale content.

Pages, feeds and files of the public site are cached whole, keyed on the site-content version,
the local date (lists start "from today"), the language and the full URL. Any app's view opts a
public response in with ``mark_cacheable``. The version comes from the callable named by the
``VOCA_CONTENT_VERSION`` setting (the public site's, ``cms.cache.content_version``), which must
change on any save or delete of public-site content, so the next request renders afresh.
Signed-in staff (anyone sending a session cookie) always bypass the cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.module_loading import import_string

from voca import clock

# URL names whose responses may be cached; anything else skips the cache without a query.
PUBLIC_URL_NAMES = frozenset(
    {"wagtail_serve", "events_ics", "events_nearby", "sitemap", "robots_txt"}
)
# Headers kept with a cached body (never Set-Cookie: a response setting a cookie is not cached).
KEPT_HEADERS = (
    "Content-Type",
    "Content-Disposition",
    "Content-Language",
    "X-Frame-Options",
    "X-Robots-Tag",
)


def mark_cacheable(response):
    """Opt a public response into the whole-page cache."""
    response.voca_public_cache = True
    return response


def _is_public_route(path: str) -> bool:
    try:
        return resolve(path).url_name in PUBLIC_URL_NAMES
    except Resolver404:
        return False


def _cache_key(request, version: str) -> str:
    today = clock.local_today().isoformat()
    # The language is in the path too (/es/...), but named here so no page is ever served from
    # another language's entry, whatever the URL scheme becomes.
    language = translation.get_language() or ""
    url = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"voca:public:{version}:{today}:{language}:{digest}"


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches[getattr(settings, "VOCA_PUBLIC_CACHE_ALIAS", "default")]
        self.content_version = import_string(settings.VOCA_CONTENT_VERSION)

    def __call__(self, request):
        if request.method != "GET" or not _is_public_route(request.path_info):
            return self.get_response(request)

        # Read before anything the page shows, so what is rendered under this version is at
        # least this new (fragments and pages alike; see cms.context_processors).
        version = self.content_version(request)
        request.content_version_read_first = True
        seconds = getattr(settings, "VOCA_PUBLIC_CACHE_SECONDS", 600)
        if (
            not seconds
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or "Authorization" in request.headers
        ):
            return self.get_response(request)

        key = _cache_key(request, version)
        hit = self.cache.get(key)
        if hit is not None:
            content, status, headers = hit
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["Content-Length"] = str(len(content))
            return mark_cacheable(response)

        response = self.get_response(request)
        if (
            getattr(response, "voca_public_cache", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "Vary" not in response
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = [(h, response[h]) for h in KEPT_HEADERS if h in response]
            self.cache.set(key, (response.content, response.status_code, headers), seconds)
        return response
