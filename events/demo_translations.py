"""The demo's services, languages, list of days, first days and notices in Spanish and Bosnian:
machine drafts for a qualified translator to review (editors correct them with wagtail-localize's
"Translate")."""

from voca.i18n import translate_page, translate_snippet

from .models import ServiceDayPage

SERVICES = {
    "compensation-application-help": (
        "Ayuda con la solicitud de compensación",
        "Pomoć sa zahtjevom za naknadu",
    ),
    "victim-rights-information": (
        "Información sobre los derechos de las víctimas",
        "Informacije o pravima žrtava",
    ),
    "counseling-referral": ("Derivación a consejería", "Upućivanje na savjetovanje"),
    "legal-aid-referral": ("Derivación a asistencia legal", "Upućivanje na pravnu pomoć"),
    "protective-order-help": ("Ayuda con órdenes de protección", "Pomoć s nalogom o zaštiti"),
    "safety-planning": ("Plan de seguridad", "Planiranje sigurnosti"),
    "court-notification": (
        "Inscripción para avisos de fechas de corte",
        "Prijava za obavještenja o ročištima",
    ),
}

LANGUAGES = {
    "en": ("inglés", "engleski"),
    "es": ("español", "španski"),
    "bs": ("bosnio", "bosanski"),
    "vi": ("vietnamita", "vijetnamski"),
    "ar": ("árabe", "arapski"),
    "ase": ("lengua de señas americana", "američki znakovni jezik"),
}

STATUS_NOTICES = {
    "florissant-valley-1": {
        "es": "Cancelado porque la biblioteca está cerrada por reparaciones. El próximo día en "
        "el norte del condado es en la Natural Bridge Branch Library.",
        "bs": "Otkazano jer je biblioteka zatvorena zbog popravki. Sljedeći dan na sjeveru "
        "okruga je u Natural Bridge Branch Library.",
    },
    "julia-davis-1": {
        "es": "Se cambió de la Julia Davis Branch Library al O'Fallon Park Recreation "
        "Complex, con la misma fecha y hora.",
        "bs": "Premješteno iz Julia Davis Branch Library u O'Fallon Park Recreation "
        "Complex, isti datum i vrijeme.",
    },
}

TARGETS = ("es", "bs")


def translate_snippets(services: dict, languages: dict) -> int:
    created = 0
    for slug, names in SERVICES.items():
        if slug in services:
            for code, name in zip(TARGETS, names, strict=True):
                created += translate_snippet(services[slug], code, {"name": name})
    for code, names in LANGUAGES.items():
        if code in languages:
            for target, name in zip(TARGETS, names, strict=True):
                created += translate_snippet(languages[code], target, {"name": name})
    return created


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
