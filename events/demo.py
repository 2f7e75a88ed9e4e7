"""Demo service days at real public places in St. Louis city and county.

Addresses are the places' published street addresses; coordinates are approximate (within a
block) and transit notes are general. Days are placed relative to the day the demo is first
loaded; a later run adds nothing (``make clean`` starts over with fresh dates).
"""

import datetime

from wagtail.models import Site

from voca.clock import local_today
from voca.i18n import translate_page
from voca.locales import default_locale

from .demo_translations import STATUS_NOTICES, translate_snippets
from .models import (
    Language,
    Location,
    Service,
    ServiceDayIndexPage,
    ServiceDayPage,
    ServiceDayStaffing,
)

CITY, COUNTY = "St. Louis City", "St. Louis County"

LOCATIONS = (
    # name, street, city, ZIP, area, lat, lng, step-free, accessibility, parking, transit
    (
        "Central Library",
        "1301 Olive St",
        "St. Louis",
        "63103",
        CITY,
        "38.629700",
        "-90.198900",
        True,
        "Step-free entrance on the 14th Street side; elevators to every floor.",
        "Paid street parking and nearby garages.",
        "MetroLink Red and Blue lines, 8th & Pine station; many MetroBus routes downtown.",
    ),
    (
        "Carpenter Branch Library",
        "3309 S Grand Blvd",
        "St. Louis",
        "63118",
        CITY,
        "38.596800",
        "-90.243400",
        True,
        "Step-free entrance from the parking lot in back.",
        "Free parking lot behind the library.",
        "MetroBus #70 Grand stops outside.",
    ),
    (
        "Julia Davis Branch Library",
        "4415 Natural Bridge Ave",
        "St. Louis",
        "63115",
        CITY,
        "38.672800",
        "-90.233400",
        True,
        "",
        "Free parking lot next to the library.",
        "MetroBus routes on Natural Bridge Avenue.",
    ),
    (
        "Schlafly Branch Library",
        "225 N Euclid Ave",
        "St. Louis",
        "63108",
        CITY,
        "38.644000",
        "-90.261300",
        True,
        "",
        "Metered street parking on Euclid Avenue.",
        "Central West End MetroLink station is about a 12-minute walk.",
    ),
    (
        "O'Fallon Park Recreation Complex",
        "4343 W Florissant Ave",
        "St. Louis",
        "63115",
        CITY,
        "38.683500",
        "-90.222600",
        True,
        "Accessible restrooms; a quiet room is available on request.",
        "Large free parking lot.",
        "MetroBus #74 Florissant.",
    ),
    (
        "Carondelet Park Recreation Complex",
        "930 Holly Hills Blvd",
        "St. Louis",
        "63111",
        CITY,
        "38.564000",
        "-90.258000",
        True,
        "Accessible restrooms.",
        "Free parking lot.",
        "MetroBus routes on Grand Boulevard and Loughborough Avenue.",
    ),
    (
        "Florissant Valley Branch Library",
        "195 New Florissant Rd S",
        "Florissant",
        "63031",
        COUNTY,
        "38.789500",
        "-90.321000",
        True,
        "",
        "Free parking lot.",
        "MetroBus routes on New Florissant Road.",
    ),
    (
        "Natural Bridge Branch Library",
        "7606 Natural Bridge Rd",
        "St. Louis",
        "63121",
        COUNTY,
        "38.706500",
        "-90.304500",
        True,
        "",
        "Free parking lot.",
        "MetroBus routes on Natural Bridge Road; UMSL North MetroLink station nearby.",
    ),
    (
        "Prairie Commons Branch Library",
        "915 Utz Ln",
        "Hazelwood",
        "63042",
        COUNTY,
        "38.776700",
        "-90.368000",
        True,
        "",
        "Free parking lot.",
        "",
    ),
    (
        "Weber Road Branch Library",
        "4444 Weber Rd",
        "St. Louis",
        "63123",
        COUNTY,
        "38.539000",
        "-90.296000",
        False,
        "Two steps at the side door; staff will meet you at the main door with a ramp.",
        "Free parking lot.",
        "",
    ),
    (
        "Lewis & Clark Branch Library",
        "9909 Lewis-Clark Blvd",
        "St. Louis",
        "63136",
        COUNTY,
        "38.760000",
        "-90.249000",
        True,
        "",
        "Free parking lot.",
        "MetroBus routes on Lewis and Clark Boulevard.",
    ),
    (
        "Rock Road Branch Library",
        "10267 St Charles Rock Rd",
        "St. Ann",
        "63074",
        COUNTY,
        "38.724000",
        "-90.386000",
        True,
        "",
        "Free parking lot.",
        "MetroBus routes on St. Charles Rock Road.",
    ),
)

SERVICES = (
    ("compensation-application-help", "Compensation application help", 1),
    ("victim-rights-information", "Victim-rights information", 2),
    ("counseling-referral", "Counseling referral", 3),
    ("legal-aid-referral", "Legal aid referral", 4),
    ("protective-order-help", "Protective-order help", 5),
    ("safety-planning", "Safety planning", 6),
    ("court-notification", "Court-date notification sign-up", 7),
)

LANGUAGES = (
    ("en", "English", "English"),
    ("es", "Spanish", "Español"),
    ("bs", "Bosnian", "Bosanski"),
    ("vi", "Vietnamese", "Tiếng Việt"),
    ("ar", "Arabic", "العربية"),
    ("ase", "American Sign Language", ""),
)

ALL_SERVICES = [s[0] for s in SERVICES]
CORE = ["compensation-application-help", "victim-rights-information", "counseling-referral"]
STANDARD_STAFF = (("program_representative", 2), ("social_worker", 2))
WHAT_TO_BRING = (
    "Photo ID, if you have one\n"
    "Police report or case number, if there is one\n"
    "Medical, counseling or funeral bills you want help paying"
)

# slug, days from first load, location, services, languages, start hour, end hour, status
DAYS = (
    ("central-library-past-1", -30, "Central Library", CORE, ["en", "es"], 10, 15, None),
    ("julia-davis-past", -16, "Julia Davis Branch Library", CORE, ["en"], 11, 16, None),
    (
        "natural-bridge-past",
        -4,
        "Natural Bridge Branch Library",
        ALL_SERVICES,
        ["en"],
        10,
        14,
        None,
    ),
    ("carpenter-1", 2, "Carpenter Branch Library", ALL_SERVICES, ["en", "bs"], 10, 15, None),
    ("ofallon-park-1", 6, "O'Fallon Park Recreation Complex", CORE, ["en"], 12, 17, None),
    (
        "florissant-valley-1",
        9,
        "Florissant Valley Branch Library",
        CORE,
        ["en", "es"],
        10,
        14,
        (
            "cancelled",
            "Cancelled because the library is closed for repairs. The next day in "
            "North County is at the Natural Bridge Branch Library.",
        ),
    ),
    ("central-library-1", 13, "Central Library", ALL_SERVICES, ["en", "es", "ase"], 10, 16, None),
    (
        "julia-davis-1",
        20,
        "O'Fallon Park Recreation Complex",
        ["protective-order-help", "safety-planning", "counseling-referral"],
        ["en"],
        11,
        15,
        (
            "moved",
            "Moved from the Julia Davis Branch Library to the O'Fallon Park Recreation "
            "Complex, same date and time.",
        ),
    ),
    ("schlafly-1", 24, "Schlafly Branch Library", CORE, ["en", "ar"], 13, 18, None),
    ("natural-bridge-1", 29, "Natural Bridge Branch Library", ALL_SERVICES, ["en"], 10, 14, None),
    ("weber-road-1", 35, "Weber Road Branch Library", CORE, ["en", "bs"], 10, 14, None),
    (
        "carondelet-park-1",
        41,
        "Carondelet Park Recreation Complex",
        CORE,
        ["en", "vi"],
        12,
        16,
        None,
    ),
    ("prairie-commons-1", 48, "Prairie Commons Branch Library", ALL_SERVICES, ["en"], 10, 14, None),
    ("lewis-clark-1", 55, "Lewis & Clark Branch Library", CORE, ["en", "es"], 11, 15, None),
    ("carpenter-2", 62, "Carpenter Branch Library", ALL_SERVICES, ["en", "bs", "es"], 10, 15, None),
    ("rock-road-1", 70, "Rock Road Branch Library", CORE, ["en"], 10, 14, None),
    ("central-library-2", 80, "Central Library", ALL_SERVICES, ["en", "es", "ase"], 10, 16, None),
    (
        "florissant-valley-2",
        88,
        "Florissant Valley Branch Library",
        CORE,
        ["en", "es"],
        10,
        14,
        None,
    ),
)


def _weekday(date: datetime.date) -> datetime.date:
    """Service days fall Monday to Saturday."""
    return date + datetime.timedelta(days=1) if date.weekday() == 6 else date


def load(stdout):
    created = 0
    locations = {}
    for (
        name,
        street,
        city,
        zip_code,
        area,
        lat,
        lng,
        step_free,
        notes,
        parking,
        transit,
    ) in LOCATIONS:
        locations[name], was_created = Location.objects.get_or_create(
            name=name,
            locale=default_locale(),
            defaults={
                "street": street,
                "city": city,
                "zip_code": zip_code,
                "area": area,
                "latitude": lat,
                "longitude": lng,
                "step_free_access": step_free,
                "accessibility_notes": notes,
                "parking": parking,
                "transit": transit,
            },
        )
        created += was_created
    services = {}
    for slug, name, order in SERVICES:
        services[slug], was_created = Service.objects.get_or_create(
            slug=slug, locale=default_locale(), defaults={"name": name, "sort_order": order}
        )
        created += was_created
    languages = {}
    for code, name, native in LANGUAGES:
        languages[code], was_created = Language.objects.get_or_create(
            code=code, locale=default_locale(), defaults={"name": name, "native_name": native}
        )
        created += was_created

    # The default site's root is the public site's home page (loaded before this app's demo).
    home = Site.objects.get(is_default_site=True).root_page.specific
    index_page = ServiceDayIndexPage.objects.filter(locale=home.locale).first()
    if index_page is None:
        index_page = ServiceDayIndexPage(
            title="Victim Service Days",
            slug="service-days",
            intro="<p>Free help in person: no appointment, no police report needed. "
            "Find a day by the help you need, the month, the area or the language.</p>",
            show_in_menus=True,
            live=False,
        )
        home.add_child(instance=index_page)
        index_page.save_revision().publish()
        created += 1

    today = local_today()
    existing = set(ServiceDayPage.objects.child_of(index_page).values_list("slug", flat=True))
    for slug, offset, place, service_slugs, codes, start, end, status in DAYS:
        if slug in existing:
            continue
        location = locations[place]
        page = ServiceDayPage(
            title=f"Victim Service Day at {location.name}",
            slug=slug,
            date=_weekday(today + datetime.timedelta(days=offset)),
            start_time=datetime.time(start),
            end_time=datetime.time(end),
            location=location,
            what_to_bring=WHAT_TO_BRING,
            body="<p>Drop in at any time. You can talk to someone in private, and you do not "
            "have to give your name to get information.</p>",
            live=False,
        )
        if status:
            page.status, page.status_notice = status
        page.services = [services[s] for s in service_slugs]
        page.languages = [languages[c] for c in codes]
        staff = [*STANDARD_STAFF, ("advocate", 1)] if len(service_slugs) > 3 else STANDARD_STAFF
        if "ase" in codes:
            staff = [*staff, ("interpreter", 1)]
        page.staffing = [ServiceDayStaffing(role=role, count=count) for role, count in staff]
        index_page.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    created += translate_snippets(services, languages)
    created += translate_demo(index_page)
    stdout.write(
        f"  service days: {created} rows created" if created else "  service days: already in place"
    )


# The list and its first three days in Spanish and Bosnian: machine drafts (voca.i18n.translate_page
# has them marked so in the admin until an editor approves them).
SERVICE_DAY_INDEX = {
    "es": {
        "title": "Días de Servicios para Víctimas",
        "intro": "<p>Ayuda gratuita en persona: sin cita y sin denuncia policial. Busque un día "
        "según la ayuda que necesita, el mes, la zona o el idioma.</p>",
    },
    "bs": {
        "title": "Dani usluga za žrtve",
        "intro": "<p>Besplatna pomoć uživo: bez zakazivanja i bez policijske prijave. Pronađite "
        "dan prema pomoći koja vam treba, mjesecu, području ili jeziku.</p>",
    },
}
TRANSLATED_DAYS = 3

SERVICE_DAY = {
    "es": {
        "title": "Día de Servicios para Víctimas en {place}",
        "body": "<p>Venga a cualquier hora. Puede hablar con alguien en privado y no tiene que "
        "dar su nombre para recibir información.</p>",
        "what_to_bring": "Una identificación con foto, si la tiene\n"
        "El número de la denuncia policial, si la hizo\n"
        "Facturas o recibos relacionados con el delito",
    },
    "bs": {
        "title": "Dan usluga za žrtve: {place}",
        "body": "<p>Svratite u bilo koje vrijeme. Možete razgovarati s nekim nasamo i ne morate "
        "reći svoje ime da biste dobili informacije.</p>",
        "what_to_bring": "Lična karta sa slikom, ako je imate\n"
        "Broj policijske prijave, ako ste je podnijeli\n"
        "Računi ili priznanice vezani za krivično djelo",
    },
}


def translate_demo(index_page) -> int:
    """The list, its first days and every cancelled or moved day (their notices translated)."""
    translated = 0
    upcoming = ServiceDayPage.objects.child_of(index_page).upcoming()
    days = list(upcoming[:TRANSLATED_DAYS])
    days += [day for day in upcoming.exclude(status="scheduled") if day not in days]
    for language, fields in SERVICE_DAY_INDEX.items():
        translated += translate_page(index_page, language, fields)
        text = SERVICE_DAY[language]
        for day in days:
            translated += translate_page(
                day,
                language,
                {
                    "title": text["title"].format(place=day.location.name),
                    "body": text["body"],
                    "what_to_bring": text["what_to_bring"],
                    "status_notice": STATUS_NOTICES.get(day.slug, {}).get(language, ""),
                },
            )
    return translated
