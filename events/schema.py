"""schema.org Event data for search engines: a pure builder, page in, dict out."""

from django.utils import translation
from django.utils.translation import gettext

SCHEDULED = "https://schema.org/EventScheduled"
CANCELLED = "https://schema.org/EventCancelled"
RESCHEDULED = "https://schema.org/EventRescheduled"


def event_status(day) -> tuple[str, str | None]:
    """(eventStatus, previousStartDate): rescheduled only when the start moved; a day moved to
    another place on the same date and time is still scheduled (at its new place)."""
    if day.is_cancelled:
        return CANCELLED, None
    previous = day.previous_starts_at
    if previous is not None:
        return RESCHEDULED, previous.isoformat()
    return SCHEDULED, None


def service_day_event(
    day,
    *,
    url: str,
    organizer_name: str,
    organizer_url: str,
    page_language: str = "en",
    services_text: str | None = None,
) -> dict:
    """The Event; ``inLanguage`` names the languages spoken at the day, and the text describing
    it (``mainEntityOfPage``) is in ``page_language``; ``services_text``: the services named in
    that language (the day's own labels otherwise)."""
    location = day.location
    status, previous_start = event_status(day)
    with translation.override(page_language):  # the description is in the language of the text
        description = gettext("Free help for victims of crime: %(services)s") % {
            "services": day.services_text if services_text is None else services_text
        }
    if day.status_notice and not day.is_scheduled:
        description = f"{day.status_notice} {description}"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": day.title,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "url": url, "inLanguage": page_language},
        "startDate": day.starts_at.isoformat(),
        "endDate": day.ends_at.isoformat(),
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": True,
        "description": description,
        "location": {
            "@type": "Place",
            "name": location.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": location.street,
                "addressLocality": location.city,
                "addressRegion": location.state,
                "postalCode": location.zip_code,
                "addressCountry": "US",
            },
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(location.latitude),
                "longitude": float(location.longitude),
            },
        },
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": organizer_name,
            "url": organizer_url,
        },
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "USD",
            "availability": "https://schema.org/InStock",
            "url": url,
        },
    }
    if previous_start:
        data["previousStartDate"] = previous_start
    languages = [code for code, _ in day.language_pairs]
    if languages:
        data["inLanguage"] = languages
    return data
