"""iCalendar files for service days: pure builders, data in, bytes out."""

from django.utils.translation import get_language, gettext, pgettext
from icalendar import Calendar, Event

from voca import clock

PRODID = "-//Victim Service Days//Public site//EN"


def _description(day, url: str) -> str:
    lines = []
    if day.status_notice and not day.is_scheduled:
        lines += [f"{day.get_status_display().upper()}: {day.status_notice}", ""]
    lines.append(gettext("Help offered:") + " " + day.services_text)
    if day.languages_text:
        lines.append(gettext("Languages:") + " " + day.languages_text)
    lines += [gettext("Free of charge. No appointment needed."), "", url]
    return "\n".join(lines)


def service_day_event(day, url: str) -> Event:
    """One VEVENT in the active language (that of the page it came from); its UID never changes
    and SEQUENCE grows with every published change."""
    event = Event()
    event.add("uid", f"{day.translation_key}@victim-service-days")
    event.add("dtstamp", day.last_published_at or clock.now())
    if day.last_published_at:
        event.add("last-modified", day.last_published_at)
    event.add("sequence", day.ics_sequence)
    summary = day.title
    if day.is_cancelled:
        summary = f"{pgettext('service day', 'Cancelled')}: {summary}"
    elif day.is_moved:
        summary = f"{pgettext('service day', 'Moved')}: {summary}"
    language = {"LANGUAGE": get_language() or "en"}
    event.add("summary", summary, parameters=language)
    event.add("dtstart", day.starts_at)
    event.add("dtend", day.ends_at)
    event.add("location", f"{day.location.name}, {day.location.address_line}")
    event.add("geo", (float(day.location.latitude), float(day.location.longitude)))
    event.add("status", "CANCELLED" if day.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("url", url)
    event.add("description", _description(day, url), parameters=language)
    return event


def calendar_bytes(days_with_urls, *, name: str) -> bytes:
    """A VCALENDAR of the given (day, absolute URL) pairs, with the time zone it uses."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "America/Chicago")
    for day, url in days_with_urls:
        calendar.add_component(service_day_event(day, url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
