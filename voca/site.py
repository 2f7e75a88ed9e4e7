"""The agency's identity as the site settings hold it, for apps that may not import cms."""

from django.apps import apps
from django.conf import settings
from wagtail.models import Site


def agency_name(request=None) -> str | None:
    """The administering agency's name: the request's site's, else the first site's; or None."""
    label = getattr(settings, "VOCA_SITE_SETTINGS_MODEL", "")
    if not label or not apps.is_installed(label.partition(".")[0]):
        return None
    model = apps.get_model(label)
    if request is None:
        return model.objects.values_list("agency_name", flat=True).first()
    site = Site.find_for_request(request)
    return model.for_site(site).agency_name if site else None


def absolute_url(request, path: str) -> str:
    """The one source of the public site's absolute URLs (sitemap, calendar files, JSON-LD,
    robots.txt): the address the visitor used (checked against ALLOWED_HOSTS), so every link a
    page gives out points back to where it came from."""
    return request.build_absolute_uri(path)
