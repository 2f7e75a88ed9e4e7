from urllib.parse import urlsplit

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from voca.page_cache import mark_cacheable
from voca.site import absolute_url


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
    """Wagtail's sitemap with every <loc> from voca.site.absolute_url, as on the pages."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            parts = urlsplit(url_info["location"])
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            url_info["location"] = absolute_url(self.request, path)
        return urls


def sitemap(request):
    return mark_cacheable(wagtail_sitemap(request, sitemaps={"wagtail": PublicSitemap(request)}))


def favicon(request):
    """Browsers ask for /favicon.ico on their own: send them to the neutral icon, not a 404."""
    return HttpResponsePermanentRedirect(static("cms/favicon.svg"))
