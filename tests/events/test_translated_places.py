"""Places, services and languages in the visitor's language (translatable snippets)."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from wagtail.models import Locale

from events.models import Language, Service
from tests.factories import make_language, make_location, make_service, make_service_day, make_user
from tests.helpers import in_language, language_codes, login, synchronise_languages
from voca.clock import local_today
from voca.i18n import translate_page, translate_snippet
from voca.roles import EDITOR

pytestmark = pytest.mark.django_db

SAFETY = {"en": "Safety planning", "es": "Plan de seguridad", "bs": "Planiranje sigurnosti"}
SPANISH = {"en": "Spanish", "es": "español", "bs": "španski"}
PARKING = {"en": "Free lot behind the library.", "es": "Estacionamiento gratuito detrás."}


@pytest.fixture
def day():
    location = make_location(parking=PARKING["en"])
    translate_snippet(location, "es", {"parking": PARKING["es"]})
    safety = make_service(SAFETY["en"], slug="safety-planning")
    legal = make_service("Legal aid referral")
    spanish = make_language(SPANISH["en"], "es", native_name="Español")
    for code in ("es", "bs"):
        translate_snippet(safety, code, {"name": SAFETY[code]})
        translate_snippet(spanish, code, {"name": SPANISH[code]})
    soon = local_today() + datetime.timedelta(days=3)
    day = make_service_day(
        soon, title="Carpenter day", location=location, services=[safety], languages=[spanish]
    )
    # Another day offering only the untranslated service: it must not match the filter.
    make_service_day(soon, title="Legal day", services=[legal])
    synchronise_languages()
    return day


@pytest.mark.parametrize("code", language_codes())
def test_list_and_day_show_services_and_languages_in_the_page_language(client, day, code):
    listing = client.get(in_language("/service-days/", code)).content.decode()
    assert SAFETY[code] in listing and SPANISH[code] in listing
    # Not translated into any language: shown as entered, in English.
    assert "Legal aid referral" in listing
    page = client.get(in_language(day.url, code)).content.decode()
    assert SAFETY[code] in page
    if SPANISH[code].casefold() == "español":
        # Its own name differs only by case: said once ("español", not "español (Español)").
        assert f"<li>{SPANISH[code]}</li>" in page
        assert '(<span lang="es">Español</span>)' not in page
    else:
        assert f'{SPANISH[code]} (<span lang="es">Español</span>)' in page
    others = {name for lang, name in SAFETY.items() if lang != code}
    # What the visitor reads (the day is not translated: its search-engine data is in English).
    shown = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)
    assert not any(name in shown for name in others)


@pytest.mark.parametrize("code", language_codes())
def test_filters_match_a_service_and_a_language_in_every_language(client, day, code):
    for query in ("service=safety-planning", "language=es"):
        html = client.get(in_language(f"/service-days/?{query}", code)).content.decode()
        assert html.count('<li class="day-card') == 1, query
        assert "Legal day" not in html and "Carpenter day" in html, query
    # The filter offers each service once, by its name in the page's language.
    html = client.get(in_language("/service-days/", code)).content.decode()
    assert html.count('<option value="safety-planning"') == 1
    assert f'<option value="safety-planning">{SAFETY[code]}</option>' in html


def test_day_page_reads_the_place_s_directions_in_its_language(client, day):
    assert PARKING["en"] in client.get(day.url).content.decode()
    spanish = client.get(in_language(day.url, "es")).content.decode()
    assert PARKING["es"] in spanish and PARKING["en"] not in spanish
    # No Bosnian translation of the place: its English directions, its name unchanged.
    bosnian = client.get(in_language(day.url, "bs")).content.decode()
    assert PARKING["en"] in bosnian and "Carpenter Branch Library" in bosnian


def test_a_translated_day_keeps_the_english_place_and_shows_it_translated(client, day):
    translate_page(day, "es", {"title": "Día en Carpenter"})
    spanish_day = day.get_translation(Locale.objects.get(language_code="es")).specific
    assert spanish_day.location_id == day.location_id
    html = client.get(spanish_day.url).content.decode()
    assert "<h1>Día en Carpenter</h1>" in html and PARKING["es"] in html


def test_names_and_codes_are_unique_within_a_language_only(day):
    english = Service.objects.get(slug="safety-planning", locale__language_code="en")
    assert Service.objects.filter(slug="safety-planning").count() == 3
    assert {s.translation_key for s in Service.objects.filter(slug="safety-planning")} == {
        english.translation_key
    }
    with transaction.atomic(), pytest.raises(IntegrityError):
        Service.objects.create(name="Other", slug="safety-planning", locale=english.locale)
    with transaction.atomic(), pytest.raises(IntegrityError):
        Language.objects.create(name="Castilian", code="es", locale=english.locale)


def test_editors_translate_services_languages_and_places_from_the_snippet_listing(
    client, day, roles
):
    login(client, make_user("eddie", EDITOR))
    legal = Service.objects.get(name="Legal aid referral")
    listing = client.get("/admin/snippets/events/service/").content.decode()
    assert f"/admin/localize/submit/snippet/events/service/{legal.pk}/" in listing
    for model in ("language", "location"):
        assert client.get(f"/admin/snippets/events/{model}/").status_code == 200
    response = client.get(f"/admin/localize/submit/snippet/events/service/{legal.pk}/")
    assert response.status_code == 200
    # The day's editor chooses among the English rows only (translations follow them).
    edit = client.get(f"/admin/pages/{day.pk}/edit/").content.decode()
    offered = set(re.findall(r'name="services" value="(\d+)"', edit))
    english = Service.objects.filter(locale__language_code="en")
    assert offered == {str(pk) for pk in english.values_list("pk", flat=True)}
    assert Service.objects.exclude(pk__in=english).count() == 2  # the translations, not offered


NEAR_ME_AWAY = {
    "en": "About {distance} away.",
    "es": "A unos {distance}.",
    "bs": "Udaljeno oko {distance}.",
}


@pytest.mark.parametrize("code", language_codes())
def test_near_me_messages_come_from_the_page_in_its_language(client, day, code):
    html = client.get(in_language("/service-days/", code)).content.decode()
    assert f'data-msg-away="{NEAR_ME_AWAY[code]}"' in html
    for name in ("finding", "directions", "showing", "none", "failed", "denied"):
        assert f"data-msg-{name}=" in html, name
    assert "<script>" not in html  # the CSP allows no inline script
    script = (settings.BASE_DIR / "events/static/events/near-me.js").read_text()
    assert "miles away" not in script and "Get directions" not in script


@pytest.mark.parametrize(("code", "label"), [("en", "Cancelled"), ("es", "Cancelado")])
def test_near_me_data_names_a_cancelled_day_in_the_page_language(client, day, code, label):
    day.status, day.status_notice = "cancelled", "Closed."
    day.save_revision().publish()
    rows = client.get(in_language("/service-days/nearby.json", code)).json()["days"]
    assert {row["status"] for row in rows} == {label, ""}
