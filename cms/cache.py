"""Whole-page cache for anonymous visitors that never serves stale content.

Pages, feeds and files of the public site are cached whole, keyed on the site-content version
(``ContentVersion``), the local date (lists start "from today") and the full URL. Any save or
delete of public-site content changes the version, so the next request renders afresh.
Signed-in staff (anyone sending a session cookie) always bypass the cache.

Pages rendered afresh reuse the parts every page shares (header, menu, footer, the filter form)
from template fragments keyed on the same version (``{% cache ... content_version %}``, with
``content_version`` from ``context_processors.content_version``), so they are never stale either.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone

# What public pages show; a write to any of these changes the content version. Deliberately
# narrow (no revisions, logs, tasks, nor other apps' rows): each bump updates one shared row.
CONTENT_APPS = frozenset({"cms", "events", "wagtailimages", "wagtaildocs"})
CONTENT_MODELS = frozenset(
    {"wagtailcore.page", "wagtailcore.site", "wagtailcore.pageviewrestriction"}
)
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


def bump_content_version(sender, **kwargs):
    # Migrations' historical models live in module "__fake__": the table may not exist yet.
    meta = sender._meta
    if (
        (meta.app_label in CONTENT_APPS or meta.label_lower in CONTENT_MODELS)
        and meta.model_name != "contentversion"
        and sender.__module__ != "__fake__"
    ):
        from .models import ContentVersion

        ContentVersion.bump()


def bump_on_m2m(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_content_version(kwargs["model"])
        bump_content_version(type(kwargs["instance"]))


def bump_on_page_move(sender, **kwargs):
    # Tree moves are written with queryset updates, which send no save signal.
    bump_content_version(type(kwargs["instance"]))


def connect():
    from wagtail.signals import post_page_move

    post_page_move.connect(bump_on_page_move, dispatch_uid="cms-content-version-move")
    post_save.connect(bump_content_version, dispatch_uid="cms-content-version-save")
    post_delete.connect(bump_content_version, dispatch_uid="cms-content-version-delete")
    m2m_changed.connect(bump_on_m2m, dispatch_uid="cms-content-version-m2m")


def _is_public_route(path: str) -> bool:
    try:
        return resolve(path).url_name in PUBLIC_URL_NAMES
    except Resolver404:
        return False


def _cache_key(request, version: str) -> str:
    today = timezone.localdate().isoformat()
    url = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"voca:public:{version}:{today}:{digest}"


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches[getattr(settings, "VOCA_PUBLIC_CACHE_ALIAS", "default")]

    def __call__(self, request):
        if request.method != "GET" or not _is_public_route(request.path_info):
            return self.get_response(request)

        from .models import ContentVersion

        # Read before anything the page shows, so what is rendered under this version is at
        # least this new (fragments and pages alike; see context_processors.content_version).
        version = ContentVersion.for_request(request)
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
            return response

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
