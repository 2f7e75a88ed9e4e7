"""Template filters for voca.formats: {{ amount|money }}, {{ date|day }}, {{ when|moment }}."""

from django import template
from django.conf import settings

from voca import formats

register = template.Library()

register.filter("money", formats.money)
register.filter("day", formats.day)
register.filter("moment", formats.moment)
register.filter("month", formats.month)
register.filter("hours", formats.hours)


@register.simple_tag
def back_office_name() -> str:
    """The admin's name: the agency's site name from settings, never the software's."""
    return f"{settings.WAGTAIL_SITE_NAME} back office"
