"""Language of parts (WCAG 2.2 SC 3.1.2): every piece of text sits inside a `lang` it is really in.

A Spanish page showing an English title marks the title lang="en"; its own words (the labels from
the .po catalog, the dates) sit under the page's language, never inside an English block. The
content below is built with distinctive strings, so each text's source is known: the English
content strings, the translated content strings and the catalogs' translations. Proper names
(places, addresses, the agency) are exempt.
"""

import datetime
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.utils import translation

from events.models import ServiceDayIndexPage
from tests.factories import (
    home_page,
    make_content_page,
    make_language,
    make_location,
    make_service,
    make_service_day,
    make_service_day_index,
)
from tests.helpers import at, in_language, language_codes, moment, synchronise_languages
from voca.i18n import local_date, translate_page, translate_snippet

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)

# Text an editor wrote in English and nobody translated: wherever it shows, it is lang="en".
ENGLISH = [
    "Victim Service Days home",
    "Free help in person for victims near you.",
    "Service days in St. Louis",
    "Find a day by the help you need.",
    "Your rights as a victim of crime",
    "What you are entitled to, arrested or not.",
    "You have the right to be heard.",
    "Untranslated evening day",
    "Ask for the quiet room.",
    "Court papers",
    "Called-off morning day",
    "Closed for repairs today.",
    "The library flooded overnight.",
    "Legal aid referral",
    "Free lot behind the library.",
    "Bus 11 stops at the door.",
    "Ramp at the side entrance.",
    # The site texts, not translated into Spanish or Bosnian here: the built-in English ones.
    "Crisis line (24 hours)",
    "Victim services help line",
    "In an emergency, call 911.",
    "This site sets no cookies",
    "This project is supported by a Victims of Crime Act",
]
# Text a translator wrote: it sits under its own language.
TRANSLATED = {
    "es": [
        "Inicio de los días de servicio",
        "Día traducido en Carpenter",
        "Traiga a alguien de confianza.",
        "Identificación con foto",
        "Segundo día traducido",
        "Plan de seguridad",
        "Días de servicio en St. Louis",
    ],
    "bs": [
        "Prevedeni dan u Carpenteru",
        "Povedite nekoga kome vjerujete.",
        "Lična karta sa slikom",
        "Drugi prevedeni dan",
        "Planiranje sigurnosti",
    ],
}


def catalog(code: str) -> set[str]:
    """The site's own words in ``code`` (its .po file), those that differ from the English."""
    path = settings.LOCALE_PATHS[0] / code / "LC_MESSAGES" / "django.po"
    words = set()
    for entry in polib.pofile(path):
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text and text != entry.msgid and "%" not in text and "{" not in text:
                words.add(text.strip())
    return {w for w in words if len(w) > 3}


class Parts(HTMLParser):
    """Each visible text node of <body> with the `lang` of its nearest ancestor that has one."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []
        self.in_body = False

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if tag == "body":
            self.in_body = True
        self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.in_body or not data.strip():
            return
        if any(tag in ("script", "style", "template") for tag, _ in self.stack):
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang), None)
        self.texts.append((" ".join(data.split()), lang))


def misplaced(html: str, code: str, dates: list[str]) -> list[str]:
    parser = Parts()
    parser.feed(html)
    own = catalog(code) if code != "en" else set()
    problems = []
    for text, lang in parser.texts:
        for english in ENGLISH:
            if english in text and lang != "en":
                problems.append(f"{text!r} is English but sits in lang={lang}")
        for other, strings in TRANSLATED.items():
            if any(s in text for s in strings) and lang != other:
                problems.append(f"{text!r} is {other} but sits in lang={lang}")
        if (text in own or any(d in text for d in dates)) and lang != code:
            problems.append(f"{text!r} is the page's own {code} but sits in lang={lang}")
    return problems


@pytest.fixture
def public_site():
    """Every kind of public page, each language partly translated."""
    with at(moment(2026, 12, 1)):
        home = home_page()
        home.title, home.intro = ENGLISH[0], f"<p>{ENGLISH[1]}</p>"
        home.save_revision().publish()
        make_service_day_index(title=ENGLISH[2], intro=f"<p>{ENGLISH[3]}</p>")
        content = make_content_page(
            ENGLISH[4], intro=ENGLISH[5], body=f"<p>{ENGLISH[6]}</p>", show_in_menus=True
        )
        place = make_location(
            parking=ENGLISH[14], transit=ENGLISH[15], accessibility_notes=ENGLISH[16]
        )
        safety = make_service("Safety planning", slug="safety-planning")
        legal = make_service(ENGLISH[13])
        spanish = make_language("Spanish", "es", native_name="Español")
        for code, (service, language) in {
            "es": ("Plan de seguridad", "español"),
            "bs": ("Planiranje sigurnosti", "španski"),
        }.items():
            translate_snippet(safety, code, {"name": service})
            translate_snippet(spanish, code, {"name": language})
        both = {"services": [safety, legal], "languages": [spanish], "location": place}
        translated = make_service_day(
            datetime.date(2026, 12, 3),
            title="Translated day at Carpenter",
            body="<p>Bring someone you trust.</p>",
            what_to_bring="Photo ID",
            **both,
        )
        untranslated = make_service_day(
            datetime.date(2026, 12, 4),
            title=ENGLISH[7],
            body=f"<p>{ENGLISH[8]}</p>",
            what_to_bring=ENGLISH[9],
            **both,
        )
        cancelled = make_service_day(
            datetime.date(2026, 12, 5),
            title=ENGLISH[10],
            status="cancelled",
            status_notice=ENGLISH[11],
            **both,
        )
        second = make_service_day(datetime.date(2026, 12, 6), title="Second translated day", **both)
        synchronise_languages()
        translate_page(home, "es", {"title": TRANSLATED["es"][0]})
        index = ServiceDayIndexPage.objects.get(locale__language_code="en")
        translate_page(index, "es", {"title": TRANSLATED["es"][6], "intro": ""})
        for code, (title, body, bring, second_title) in {
            "es": TRANSLATED["es"][1:5],
            "bs": TRANSLATED["bs"][0:4],
        }.items():
            translate_page(
                translated,
                code,
                {"title": title, "body": f"<p>{body}</p>", "what_to_bring": bring},
            )
            translate_page(second, code, {"title": second_title})
        # The English day cancelled after translation: its English notice stands in.
        second.status, second.status_notice = "cancelled", ENGLISH[12]
        second.save_revision().publish()
        yield {
            "days": [translated, untranslated, cancelled, second],
            "content": content,
        }


@pytest.mark.parametrize("code", language_codes())
def test_every_text_sits_in_the_language_it_is_written_in(client, public_site, code):
    days = public_site["days"]
    with translation.override(code):
        dates = [local_date(day.date) for day in days]
    paths = [
        "/",
        "/service-days/",
        "/service-days/archive/",
        *(day.url for day in days),
        public_site["content"].url,
        "/no-such-page/",
    ]
    problems = []
    for path in paths:
        response = client.get(in_language(path, code))
        assert response.status_code in (200, 404), path
        html = response.content.decode()
        assert f'<html lang="{code}">' in html, path  # the visitor's language, page by page
        problems += [f"{path}: {p}" for p in misplaced(html, code, dates)]
    assert problems == [], "\n".join(problems)


def test_an_untranslated_page_marks_its_english_pieces_not_its_whole_body(client, public_site):
    untranslated = public_site["days"][1]
    html = client.get(in_language(untranslated.url, "es")).content.decode()
    assert '<main id="main-content" tabindex="-1">' in html
    assert f'<h1 lang="en">{ENGLISH[7]}</h1>' in html
    assert "<dt>Cuándo</dt>" in html and "Esta página aún no se ha traducido" in html


@pytest.mark.parametrize("code", ["es", "bs"])
def test_near_me_data_names_the_language_of_each_title(client, public_site, code):
    rows = client.get(in_language("/service-days/nearby.json", code)).json()["days"]
    languages = {row["title"]: row["lang"] for row in rows}
    assert languages == {
        TRANSLATED[code][0 if code == "bs" else 1]: code,
        ENGLISH[7]: "en",
        ENGLISH[10]: "en",
        TRANSLATED[code][3 if code == "bs" else 4]: code,
    }
