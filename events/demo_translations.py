"""The demo's services, languages and notices in Spanish and Bosnian: machine drafts for a
qualified translator to review (editors correct them with wagtail-localize's "Translate")."""

from voca.i18n import translate_snippet

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
