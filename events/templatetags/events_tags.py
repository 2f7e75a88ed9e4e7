from django import template

from events.models import ServiceDayPage, clock_label

register = template.Library()


@register.filter
def clock(value):
    """10 a.m., 1:30 p.m."""
    return clock_label(value) if value else ""


@register.inclusion_tag("events/includes/next_service_days.html", takes_context=True)
def next_service_days(context, count=3):
    """The soonest upcoming days, for the home page."""
    from events.models import ServiceDayIndexPage

    days = list(ServiceDayPage.objects.upcoming().for_listing()[:count])
    index_page = ServiceDayIndexPage.objects.live().first()
    return {"days": days, "index_page": index_page, "request": context.get("request")}
