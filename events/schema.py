"""schema.org Event data for search engines: a pure builder, page in, dict out."""

STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "moved": "https://schema.org/EventRescheduled",
}


def service_day_event(day, *, url: str, organizer_name: str, organizer_url: str) -> dict:
    location = day.location
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": day.title,
        "url": url,
        "startDate": day.starts_at.isoformat(),
        "endDate": day.ends_at.isoformat(),
        "eventStatus": STATUS[day.status],
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": True,
        "description": "Free help for victims of crime: " + day.services_text,
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
    languages = [code for code, _ in day.language_pairs]
    if languages:
        data["inLanguage"] = languages
    return data
