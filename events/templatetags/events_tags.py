import hashlib

from django import template
from django.core.cache import cache
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, pgettext
from wagtail.models import Site

from events.models import ServiceDayIndexPage, ServiceDayPage
from events.schema import service_day_event
from voca.i18n import (
    in_language,
    lang_attribute,
    local_date,
    local_miles,
    local_time,
    miles_patterns,
    text_language,
)
from voca.locales import active_locale
from voca.site import absolute_url

register = template.Library()


@register.filter
def clock(value):
    """10 a.m., 1:30 p.m. (13:30 where the visitor's language writes it so)."""
    return local_time(value) if value else ""


@register.filter
def long_date(value):
    """Thursday, November 26, 2026, in the visitor's language."""
    return local_date(value) if value else ""


@register.simple_tag
def miles_attributes():
    """data-msg-miles-one="{miles} mile" ... for near me, one per plural form of the language."""
    return format_html_join(" ", 'data-msg-miles-{}="{}"', sorted(miles_patterns().items()))


@register.inclusion_tag("events/includes/next_service_days.html", takes_context=True)
def next_service_days(context, count=3, scheduled_only=False):
    """The soonest upcoming days in the visitor's language, for the home page (cancellations
    included: visitors must see them) or, ``scheduled_only``, for a cancelled day's page."""
    locale = active_locale()
    days = ServiceDayPage.objects.upcoming().filter(locale=locale)
    if scheduled_only:
        days = days.scheduled()
    days = list(days.for_listing()[:count])
    index_page = ServiceDayIndexPage.objects.live().filter(locale=locale).first()
    if index_page is not None:
        base_url = index_page.get_url(context.get("request"))
        for day in days:
            if day.path.startswith(index_page.path):
                day._listing_url = f"{base_url}{day.slug}/"
    return {"days": days, "index_page": index_page, "request": context.get("request")}


@register.simple_tag(takes_context=True)
def service_day_structured_data(context, day, organizer):
    """schema.org Event data for ``day``; ``organizer``: the site settings naming the unit.
    An untranslated page's data is in the language of its text (English), and says so."""
    request = context["request"]
    language = text_language(day, "title")
    site = Site.find_for_request(request)
    home = site.root_page.localized.get_url(request) if site else None
    return service_day_event(
        day,
        url=absolute_url(request, day.get_url(request)),
        organizer_name=f"{organizer.unit_name}, {organizer.agency_name}",
        organizer_url=absolute_url(request, home or "/"),
        page_language=language,
        services_text=", ".join(day.service_names_in(language)),
    )


CARD_SECONDS = 86400


def _card_key(request, day, level) -> str | None:
    """Where a public request may keep a day's entry: under the content version it read first
    (as the page's fragments are, cms.context_processors), its language and the entry's link."""
    if request is None or not getattr(request, "content_version_read_first", False):
        return None
    where = f"{get_language()}:{day.pk}:{int(level)}:{day.listing_url}"
    digest = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()
    return f"voca:day-card:{request.content_version}:{digest}"


@register.simple_tag(takes_context=True)
def service_day_card(context, day, level=3, zip_code=""):
    """One entry of a list of days, drawn once per content version and language: the list is
    queried for every request (which days, how many, which page), each entry reused. Listed by
    distance from ``zip_code``, the entry says how far it is (not kept with the entry)."""
    request = context.get("request")
    key = _card_key(request, day, level)
    html = cache.get(key) if key is not None else None
    if html is None:
        html = str(card_html(day, level))
        if key is not None:
            cache.set(key, html, CARD_SECONDS)
    miles = getattr(day, "miles_away", None)
    if zip_code and miles is not None:
        # After the title (escaped, so it never holds the heading's end tag).
        heading_end = f"</h{int(level)}>"
        html = html.replace(heading_end, heading_end + distance_html(miles, zip_code), 1)
    return mark_safe(html)  # noqa: S308  (built by card_html and distance_html, escaped there)


def distance_html(miles: float, zip_code: str) -> str:
    return format_html(
        '<p class="day-card__distance">{}</p>',
        gettext("%(distance)s from ZIP code %(zip)s")
        % {"distance": local_miles(miles), "zip": zip_code},
    )


def names_html(labels):
    """'a, b, c', each name in a <span lang> when it is not in the page's language."""
    return format_html_join(", ", "{}", ((in_language(name, lang),) for name, lang in labels))


def card_html(day, level=3):
    """Built in Python rather than an included template: the list page draws 20 of these when
    the content changes, and template look-ups dominated its cost."""
    location = day.location
    tag = ""
    cancelled, moved = pgettext("service day", "Cancelled"), pgettext("service day", "Moved")
    if day.is_cancelled:
        tag = format_html(' <span class="tag tag--cancelled">{}</span>', cancelled)
    elif day.is_moved:
        tag = format_html(' <span class="tag tag--moved">{}</span>', moved)
    notice = ""
    if not day.is_scheduled:
        label = day.notice_label
        notice = format_html(
            '<div class="status-notice status-notice--{}"><p>{}{}</p></div>',
            day.status,
            format_html("<strong>{}:</strong> ", label) if label else "",
            in_language(day.status_notice, text_language(day, "status_notice")),
        )
    languages = day.language_labels
    languages_html = (
        format_html(
            '<p class="day-card__languages"><span class="label">{}</span> {}</p>',
            gettext("Languages:"),
            names_html((name, language) for _, name, language in languages),
        )
        if languages
        else ""
    )
    # A cancelled day offers no way to travel there; its notice says where to go instead.
    links = ""
    if not day.is_cancelled:
        links = format_html(
            '<p class="day-card__links"><a href="{}" rel="noreferrer" target="_blank">'
            '{}<span class="visually-hidden"> {}</span></a></p>',
            location.directions_url,
            gettext("Get directions"),
            gettext("to %(place)s (opens Google Maps in a new tab)") % {"place": location.name},
        )
    return format_html(
        '<li class="day-card{cancelled}" data-lat="{lat}" data-lng="{lng}">'
        '<h{level} class="day-card__title"><a href="{url}"{title_lang}>{title}</a>{tag}</h{level}>'
        "{notice}"
        '<p class="day-card__when"><time datetime="{iso}">{when}</time></p>'
        '<p class="day-card__where">{place}<br>{address}</p>'
        '<p class="day-card__services"><span class="label">{help_label}</span> {services}</p>'
        "{languages}"
        "{links}</li>",
        cancelled=" day-card--cancelled" if day.is_cancelled else "",
        lat=location.latitude,
        lng=location.longitude,
        level=int(level),
        url=day.listing_url,
        title=day.title,
        title_lang=lang_attribute(text_language(day, "title")),
        tag=tag,
        notice=notice,
        iso=day.date.isoformat(),
        when=day.when_text,
        place=location.name,
        address=location.address_line,
        help_label=gettext("Help offered:"),
        services=names_html(day.service_labels),
        languages=languages_html,
        links=links,
    )
