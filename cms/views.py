from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from voca.page_cache import mark_cacheable


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
        "",
    ]
    return mark_cacheable(HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8"))


def sitemap(request):
    return mark_cacheable(wagtail_sitemap(request))


def favicon(request):
    """Browsers ask for /favicon.ico on their own: send them to the neutral icon, not a 404."""
    return HttpResponsePermanentRedirect(static("cms/favicon.svg"))
