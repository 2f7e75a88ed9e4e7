from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.views import defaults
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from voca.page_cache import mark_cacheable
from voca.site import absolute_url


def page_not_found(request, exception):
    """The public 404 page (each language's), compressed like any public page: it holds no
    secret, and it is what a mistyped link shows."""
    return mark_cacheable(defaults.page_not_found(request, exception))


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {absolute_url(request, '/sitemap.xml')}",
        "",
    ]
    return mark_cacheable(HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8"))


class PublicSitemap(Sitemap):
    """Wagtail's sitemap with every <loc> from voca.site.absolute_url, as on the pages: every
    translated page in every language, each with its xhtml:link alternates (and x-default, the
    default language's). Untranslated pages (aliases showing the default language) are left
    out: they would repeat the original under another language's name."""

    def items(self):
        root = self.get_wagtail_site().root_page
        homes = Page.objects.filter(translation_key=root.translation_key)
        in_a_tree = Q()
        for home in homes:
            in_a_tree |= Q(path__startswith=home.path)
        return (
            Page.objects.filter(in_a_tree, alias_of__isnull=True)
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        objects = list(self.paginator.page(page).object_list)
        urls = []
        for item in objects:
            for url_info in item.get_sitemap_urls(self.request):
                url_info["item"] = item
                urls.append(url_info)
        for url_info in urls:
            parts = urlsplit(url_info["location"])
            url_info["path"] = parts.path + (f"?{parts.query}" if parts.query else "")
            url_info["location"] = absolute_url(self.request, url_info["path"])
        # The same page in each language: same translation key, same path under its home.
        by_key: dict = {}
        for url_info in urls:
            item = url_info["item"]
            by_key.setdefault(item.translation_key, {})[item.locale.language_code] = url_info
        default = settings.LANGUAGE_CODE
        for versions in by_key.values():
            alternates = [
                {"lang_code": code, "location": versions[code]["location"]}
                for code, _ in settings.VOCA_LANGUAGES
                if code in versions
            ]
            if len(alternates) > 1 and default in versions:
                alternates.append(
                    {"lang_code": "x-default", "location": versions[default]["location"]}
                )
            for url_info in versions.values():
                url_info["alternates"] = alternates if len(alternates) > 1 else []
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        for url_info in urls:
            del url_info["item"], url_info["path"]
        return urls


def sitemap(request):
    return mark_cacheable(wagtail_sitemap(request, sitemaps={"wagtail": PublicSitemap(request)}))


def favicon(request):
    """Browsers ask for /favicon.ico on their own: send them to the neutral icon, not a 404."""
    return HttpResponsePermanentRedirect(static("cms/favicon.svg"))
