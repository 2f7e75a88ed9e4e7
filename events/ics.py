"""iCalendar files for service days: pure builders, data in, bytes out."""

from django.utils.translation import get_language, gettext, pgettext
from icalendar import Calendar, Event

from voca import clock
from voca.i18n import text_language

PRODID = "-//Victim Service Days//Public site//EN"


def _one_language(languages) -> dict:
    """LANGUAGE=<code> for a text whose parts are all in that language; none for a mixed one."""
    found = set(languages)
    return {"LANGUAGE": found.pop()} if len(found) == 1 else {}


def _description(day, url: str) -> tuple[str, set[str]]:
    """The description and the languages its parts are written in."""
    page = get_language() or "en"
    lines, languages = [], {page}
    if day.status_notice and not day.is_scheduled:
        lines += [f"{day.get_status_display().upper()}: {day.status_notice}", ""]
        languages.add(text_language(day, "status_notice"))
    lines.append(gettext("Help offered:") + " " + day.services_text)
    languages.update(language for _, language in day.service_labels)
    if day.languages_text:
        lines.append(gettext("Languages:") + " " + day.languages_text)
        languages.update(language for _, _, language in day.language_labels)
    lines += [gettext("Free of charge. No appointment needed."), "", url]
    return "\n".join(lines), languages


def service_day_event(day, url: str) -> Event:
    """One VEVENT in the active language (that of the page it came from); its UID never changes
    and SEQUENCE, the English day's, grows with every published change and is the same in every
    language. LANGUAGE names the language of a text only when it is all in that language."""
    event = Event()
    event.add("uid", f"{day.translation_key}@victim-service-days")
    event.add("dtstamp", day.last_published_at or clock.now())
    if day.last_published_at:
        event.add("last-modified", day.last_published_at)
    event.add("sequence", day.calendar_sequence)
    summary, languages = day.title, {text_language(day, "title")}
    if not day.is_scheduled:  # "Cancelled: ..." in the page's language, before the title
        if day.is_cancelled:
            status = pgettext("service day", "Cancelled")
        else:
            status = pgettext("service day", "Moved")
        summary, languages = f"{status}: {summary}", {*languages, get_language() or "en"}
    event.add("summary", summary, parameters=_one_language(languages))
    event.add("dtstart", day.starts_at)
    event.add("dtend", day.ends_at)
    event.add("location", f"{day.location.name}, {day.location.address_line}")
    event.add("geo", (float(day.location.latitude), float(day.location.longitude)))
    event.add("status", "CANCELLED" if day.is_cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    event.add("url", url)
    description, languages = _description(day, url)
    event.add("description", description, parameters=_one_language(languages))
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
