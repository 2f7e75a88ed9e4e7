"""Files that live under a service-day page's URL: calendar files and the near-me data."""

from django.http import Http404
from wagtail.models import Page

from voca.page_cache import mark_cacheable

from .models import ServiceDayIndexPage, ServiceDayPage


def _public_page(request, path):
    """The live, unrestricted page at ``path`` (as Wagtail routes it), or 404."""
    result = Page.route_for_request(request, path)
    if result is None:
        raise Http404
    page = result[0].specific
    if page.get_view_restrictions().exists():
        raise Http404
    return page


def calendar(request, path):
    page = _public_page(request, path)
    if not isinstance(page, (ServiceDayIndexPage, ServiceDayPage)):
        raise Http404
    return mark_cacheable(page.calendar_response(request))


def nearby(request, path):
    page = _public_page(request, path)
    if not isinstance(page, ServiceDayIndexPage):
        raise Http404
    return mark_cacheable(page.nearby_response(request))
