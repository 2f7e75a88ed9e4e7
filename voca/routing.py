"""Wagtail's page routing for public pages, remembered per site-content version.

Wagtail finds the page for a URL with one query for the site, then two per level of the page
tree (the child by its slug, then its specific type): seven for a service day, on every request
the page cache does not answer. The answer (the site, the page's type and id, and how many
parts of the path the tree consumed) depends only on the host, the language, the path and the
site's content, so it is kept in the cache under the site-content version (cms/cache.py), which
changes on any save, move or deletion of a page or a site: a route is never stale. A
remembered route costs one query (the page, by id); what is left of the path (a routable
page's sub-path such as ``archive/``) is still resolved by the page itself, and every
``before_serve_page`` check (view restrictions) still runs. Unknown paths are never remembered.
"""

import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.http import Http404
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Page

ROUTE_SECONDS = 86400


def _components(path: str) -> list[str]:
    return [component for component in path.split("/") if component]


def _key(request, version: str, path: str) -> str:
    host = split_domain_port(request._get_raw_host())[0]
    where = f"{host}:{request.get_port()}:{translation.get_language() or ''}:{path}"
    digest = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()
    return f"voca:route:{version}:{digest}"


def _remember(request, path: str) -> tuple | None:
    """Route as Wagtail does; the facts to remember, or None for a route not worth keeping."""
    result = Page.route_for_request(request, path)
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None:
        return None
    page = result.page
    consumed = page.depth - site.root_page.depth
    components = _components(path)
    # Only a route that followed the tree one part per level is replayed from its page.
    if not 0 <= consumed <= len(components) or (consumed and page.slug != components[consumed - 1]):
        return None
    return site, page.content_type_id, page.pk, consumed


def _replay(request, path: str, remembered: tuple) -> bool:
    site, content_type_id, page_pk, consumed = remembered
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return False
    page = model.objects.filter(pk=page_pk).first()
    if page is None:
        return False
    try:
        result = page.route(request, _components(path)[consumed:])
    except Http404:
        result = None
    request._wagtail_site = site
    request._wagtail_route_for_request = result
    return True


class CachedRouteMiddleware:
    """Answers Wagtail's ``Page.route_for_request`` for public page requests from the cache
    (Wagtail keeps a request's route and site on the request, where it looks first)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.cache = caches[getattr(settings, "VOCA_PUBLIC_CACHE_ALIAS", "default")]

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        # Only where the content version was read before anything else (public pages).
        if (
            request.method not in ("GET", "HEAD")
            or match is None
            or match.url_name != "wagtail_serve"
            or not getattr(request, "content_version_read_first", False)
        ):
            return None
        # Wagtail's pattern passes the path positionally.
        path = view_kwargs["path"] if "path" in view_kwargs else (view_args or [""])[0]
        key = _key(request, request.content_version, path)
        remembered = self.cache.get(key)
        if remembered is not None and _replay(request, path, remembered):
            return None
        remembered = _remember(request, path)
        if remembered is not None:
            self.cache.set(key, remembered, ROUTE_SECONDS)
        return None
