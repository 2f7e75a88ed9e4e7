"""The site settings' words (crisis-line label, emergency note, funding text, privacy note) in
the visitor's language: a translatable snippet, one row per language."""

import pytest
from wagtail.models import Locale

from cms.demo import translate_site_texts
from cms.demo_translations import SITE_TEXTS
from cms.models import SiteTexts
from tests.factories import make_user
from tests.helpers import in_language, language_codes, login
from voca.roles import EDITOR

pytestmark = pytest.mark.django_db

EMERGENCY = {
    "en": "In an emergency, call 911.",
    **{c: t["emergency_note"] for c, t in SITE_TEXTS.items()},
}
FUNDING_START = {
    "en": "This project is supported by",
    "es": "Este proyecto cuenta",
    "bs": "Ovaj projekat",
}


@pytest.mark.parametrize("code", language_codes())
def test_every_page_shows_the_site_texts_in_its_language(client, code):
    translate_site_texts()
    html = client.get(in_language("/", code)).content.decode()
    assert EMERGENCY[code] in html
    assert FUNDING_START[code] in html
    for other, note in EMERGENCY.items():
        if other != code:
            assert note not in html, other


@pytest.mark.parametrize("code", language_codes())
def test_untranslated_site_texts_fall_back_to_english(client, code):
    english = SiteTexts.objects.create(
        locale=Locale.get_default(), emergency_note="Call 911 if you are in danger now."
    )
    assert english.get_translations().count() == 0
    html = client.get(in_language("/", code)).content.decode()
    assert "Call 911 if you are in danger now." in html


def test_a_changed_translation_shows_at_once_on_cached_pages(client):
    translate_site_texts()
    assert EMERGENCY["es"] in client.get("/es/").content.decode()
    spanish = SiteTexts.objects.get(locale__language_code="es")
    spanish.emergency_note = "Si está en peligro, llame al 911."
    spanish.save()
    html = client.get("/es/").content.decode()
    assert "Si está en peligro, llame al 911." in html
    assert EMERGENCY["en"] in client.get("/").content.decode()


def test_editors_edit_and_translate_the_site_texts(client, roles):
    english, _ = SiteTexts.objects.get_or_create(locale=Locale.get_default())
    login(client, make_user("eddie", EDITOR))
    listing = client.get("/admin/snippets/cms/sitetexts/").content.decode()
    assert f"/admin/localize/submit/snippet/cms/sitetexts/{english.pk}/" in listing
    assert client.get(f"/admin/snippets/cms/sitetexts/edit/{english.pk}/").status_code == 200
    settings_page = client.get("/admin/settings/cms/sitesettings/", follow=True).content.decode()
    assert "Site texts" in settings_page
    assert 'name="emergency_note"' not in settings_page


def test_one_row_of_site_texts_per_language():
    from django.db import IntegrityError, transaction

    SiteTexts.objects.create(locale=Locale.get_default())
    with transaction.atomic(), pytest.raises(IntegrityError):
        SiteTexts.objects.create(locale=Locale.get_default())
