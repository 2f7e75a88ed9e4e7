"""The public site in the visitor's language: English, Spanish and Bosnian (settings.LANGUAGES)."""

import datetime
import json
import re

import polib
import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from icalendar import Calendar
from wagtail.models import Locale, PageLogEntry

from cms.models import MachineTranslation
from cms.operations import approve_translation, mark_machine_draft
from tests.factories import make_service, make_service_day, make_user
from tests.helpers import at, in_language, language_codes, login, moment, synchronise_languages
from voca.clock import local_today
from voca.i18n import translate_page
from voca.roles import EDITOR

pytestmark = pytest.mark.django_db
LANGUAGES = language_codes()


def test_three_languages_at_launch_from_one_setting():
    assert LANGUAGES == ["en", "es", "bs"]
    assert settings.WAGTAIL_CONTENT_LANGUAGES == settings.LANGUAGES == settings.VOCA_LANGUAGES
    assert set(Locale.objects.values_list("language_code", flat=True)) == set(LANGUAGES)


@pytest.fixture
def day():
    soon = local_today() + datetime.timedelta(days=3)
    day = make_service_day(
        soon, title="Carpenter day", services=[make_service("Legal aid referral")]
    )
    synchronise_languages()
    return day


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_answers_in_it_with_no_cookie_and_no_vary(client, day, code):
    for path in ("/", "/service-days/", day.url, "/no-such-page/"):
        response = client.get(in_language(path, code))
        assert response.status_code in (200, 404), path
        html = response.content.decode()
        assert f'<html lang="{code}">' in html, path
        assert response["Content-Language"] == code
        assert not response.cookies, path
        assert "Accept-Language" not in response.get("Vary", ""), path


def test_page_text_is_translated(client, day):
    assert "Exit this page" in client.get("/").content.decode()
    spanish = client.get("/es/service-days/").content.decode()
    assert "Salir de esta página" in spanish and "Exit this page" not in spanish
    assert "Ver la ruta" in spanish  # Get directions
    bosnian = client.get(in_language(day.url, "bs")).content.decode()
    assert "Napusti ovu stranicu" in bosnian and "Upute za dolazak" in bosnian


def test_dates_and_times_are_written_the_language_s_way(client):
    # The list shows upcoming days only: the clock is set before the day, whatever today is.
    with at(moment(2026, 12, 1)):
        make_service_day(datetime.date(2026, 12, 3), title="Thursday day")  # 10:00 to 14:00
        synchronise_languages()
        english = client.get("/service-days/").content.decode()
        spanish = client.get("/es/service-days/").content.decode()
        bosnian = client.get("/bs/service-days/").content.decode()
    assert "Thursday, December 3, 2026, 10 a.m. to 2 p.m." in english
    assert "jueves, 3 de diciembre de 2026, de 10:00 a 14:00" in spanish
    assert "četvrtak, 3. decembra 2026., od 10:00 do 14:00" in bosnian


def test_untranslated_page_falls_back_to_english_with_a_notice_in_the_visitor_s_language(
    client, day
):
    html = client.get(in_language(day.url, "es")).content.decode()
    assert "Esta página aún no se ha traducido, por eso se muestra en inglés." in html
    # The page stays Spanish (its labels and notice are); its English title says so.
    assert '<main id="main-content" tabindex="-1">' in html
    assert '<h1 lang="en">Carpenter day</h1>' in html
    # A translated page carries no such notice.
    translate_page(day, "es", {"title": "Día en Carpenter"})
    html = client.get(in_language(day.url, "es")).content.decode()
    assert "<h1>Día en Carpenter</h1>" in html
    assert "no se ha traducido" not in html


def _alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_hreflang_alternates_name_each_translation_and_x_default(client, day):
    # Only an untranslated alias exists: no alternates claiming a Spanish version.
    assert _alternates(client.get(day.url).content.decode()) == {}
    translate_page(day, "es", {"title": "Día en Carpenter"})
    translate_page(day, "bs", {"title": "Dan u Carpenteru"})
    for code in LANGUAGES:
        html = client.get(in_language(day.url, code)).content.decode()
        assert _alternates(html) == {
            "en": f"http://testserver{day.url}",
            "es": f"http://testserver/es{day.url}",
            "bs": f"http://testserver/bs{day.url}",
            "x-default": f"http://testserver{day.url}",
        }


def test_sitemap_lists_each_translation_with_xhtml_alternates(client, day):
    translate_page(day, "es", {"title": "Día en Carpenter"})
    xml = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver/es{day.url}</loc>" in xml
    # Aliases (untranslated) are not listed as pages of their own.
    assert f"<loc>http://testserver/bs{day.url}</loc>" not in xml
    block = xml[xml.index(f"<loc>http://testserver/es{day.url}</loc>") :].split("</url>")[0]
    assert f'<xhtml:link rel="alternate" hreflang="en" href="http://testserver{day.url}"/>' in block
    assert f'hreflang="es" href="http://testserver/es{day.url}"/>' in block
    assert f'hreflang="x-default" href="http://testserver{day.url}"/>' in block
    assert 'hreflang="bs"' not in block


def test_switcher_keeps_the_page_and_the_filters_and_needs_no_script(client, day):
    query = "service=legal-aid-referral&zip=63118"
    html = client.get(f"/service-days/?{query}&page=1").content.decode()
    switcher = html[html.index('<nav class="language-switcher"') :].split("</nav>")[0]
    links = dict(re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', switcher))
    assert links == {
        f"/service-days/?{query.replace('&', '&amp;')}": "en",
        f"/es/service-days/?{query.replace('&', '&amp;')}": "es",
        f"/bs/service-days/?{query.replace('&', '&amp;')}": "bs",
    }
    assert "<script" not in switcher and "<form" not in switcher
    # From a day page, each link opens that day in the language (its translation or alias).
    html = client.get(in_language(day.url, "bs")).content.decode()
    switcher = html[html.index('<nav class="language-switcher"') :].split("</nav>")[0]
    assert f'href="/es{day.url}"' in switcher and f'href="{day.url}"' in switcher
    assert 'aria-current="true">Bosanski' in switcher


def test_a_spanish_page_is_never_served_from_the_english_cache(client, day, settings):
    settings.VOCA_PUBLIC_CACHE_SECONDS = 600
    cache.clear()
    english = client.get("/service-days/").content.decode()
    spanish = client.get("/es/service-days/").content.decode()
    again = client.get("/es/service-days/").content.decode()
    assert "Exit this page" in english
    assert "Salir de esta página" in spanish and spanish == again
    keys = [key for key in cache._cache if ":public:" in str(key)]  # locmem keeps its keys
    assert any(":es:" in str(key) for key in keys) and any(":en:" in str(key) for key in keys)


def test_calendar_file_and_feed_in_the_language_of_their_page(client, day):
    translate_page(day, "es", {"title": "Día en Carpenter"})
    day.status, day.status_notice = "cancelled", "Closed."
    spanish_day = day.get_translation(Locale.objects.get(language_code="es")).specific
    spanish_day.status, spanish_day.status_notice = "cancelled", "Cerrado."
    spanish_day.save_revision().publish()
    event = Calendar.from_ical(client.get(f"/es{day.url}calendar.ics").content).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Cancelado: Día en Carpenter"
    assert event["SUMMARY"].params["LANGUAGE"] == "es"
    assert "Ayuda que se ofrece:" in str(event["DESCRIPTION"])
    feed = Calendar.from_ical(client.get("/bs/service-days/calendar.ics").content)
    description = str(feed.walk("VEVENT")[0]["DESCRIPTION"])
    assert "Pomoć koja se nudi:" in description and "Help offered" not in description


def test_json_ld_names_the_page_s_language(client, day):
    translate_page(day, "es", {"title": "Día en Carpenter"})
    html = client.get(f"/es{day.url}").content.decode()
    assert '"mainEntityOfPage":{"@type":"WebPage","url":"http://testserver/es' in html
    assert '"inLanguage":"es"' in html


def test_machine_draft_is_marked_until_an_editor_approves_it(client, day, roles):
    translate_page(day, "es", {"title": "Día en Carpenter"})  # a machine's: marked as written
    spanish = day.get_translation(Locale.objects.get(language_code="es"))
    editor = make_user("eddie", EDITOR)
    login(client, editor)
    edit = client.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()
    assert "Machine draft — needs review by a qualified translator" in edit
    listing = client.get(f"/admin/pages/{spanish.get_parent().pk}/").content.decode()
    assert "Machine draft — needs review by a qualified translator: approve" in listing

    response = client.post(f"/admin/pages/{spanish.pk}/approve-translation/")
    assert response.status_code == 302
    draft = MachineTranslation.objects.of(spanish).get()
    assert draft.approved_by == editor and draft.approved_at is not None
    assert PageLogEntry.objects.filter(page=spanish, action="cms.approve_translation").exists()
    edit = client.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()
    assert "needs review by a qualified translator" not in edit


def test_only_someone_who_may_publish_approves_a_translation(day, roles):
    translate_page(day, "es", {"title": "Día en Carpenter"})
    spanish = day.get_translation(Locale.objects.get(language_code="es"))
    mark_machine_draft(spanish)
    with pytest.raises(PermissionDenied):
        approve_translation(spanish, actor=make_user("nobody"))
    assert MachineTranslation.objects.of(spanish).get().needs_review


def test_compiled_translations_match_their_po_files():
    for code in LANGUAGES[1:]:
        base = settings.LOCALE_PATHS[0] / code / "LC_MESSAGES"
        po = {
            (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
            for e in polib.pofile(base / "django.po")
            if e.translated()
        }
        mo = {
            (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
            for e in polib.mofile(base / "django.mo")
        }
        assert po and {k: v for k, v in mo.items() if k[1]} == po, f"run compilemessages ({code})"
        untranslated = polib.pofile(base / "django.po").untranslated_entries()
        assert untranslated == [], code


def test_a_language_s_own_name_is_not_repeated_when_only_its_case_differs(client, day):
    from tests.factories import make_language
    from voca.i18n import translate_snippet

    spanish = make_language("Spanish", "es", native_name="Español")
    translate_snippet(spanish, "es", {"name": "español"})
    english_day = day.specific
    english_day.languages = [spanish]
    english_day.save_revision().publish()
    assert "Spanish (<span" in client.get(day.url).content.decode()
    html = client.get(in_language(day.url, "es")).content.decode()
    assert "<li>español</li>" in html and '(<span lang="es">Español</span>)' not in html


def test_spanish_says_shift_and_tells_the_directions_button_from_the_heading(client, day):
    html = client.get(in_language(day.url, "es")).content.decode()
    assert "o pulse la tecla Shift 3 veces" in html and "Mayús" not in html
    assert "Ver la ruta" in html  # the button
    assert html.count("Cómo llegar") == 1  # the heading alone
    bosnian = client.get(in_language(day.url, "bs")).content.decode()
    assert "Upute za dolazak" in bosnian and bosnian.count("Kako doći") == 1


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_s_404_page_is_compressed(client, day, code):
    import gzip

    response = client.get(in_language("/no-such-page/", code), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 404
    assert response["Content-Encoding"] == "gzip"
    assert f'<html lang="{code}">' in gzip.decompress(response.content).decode()


def test_the_footer_offers_no_xml_site_map_but_robots_txt_still_names_it(client, day):
    for code in LANGUAGES:
        html = client.get(in_language("/", code)).content.decode()
        footer = html[html.index('<footer class="site-footer">') :]
        assert "sitemap.xml" not in footer and "Site map" not in footer, code
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").text
    assert client.get("/sitemap.xml").status_code == 200


def _events(client, day, code) -> list:
    """The day's event in its own calendar file and in the feed, in language ``code``."""
    feed = in_language("/service-days/calendar.ics", code)
    files = (f"{in_language(day.url, code)}calendar.ics", feed)
    return [Calendar.from_ical(client.get(path).content).walk("VEVENT")[0] for path in files]


def test_calendar_language_is_the_text_s_and_one_sequence_serves_every_language(client, day):
    from events.models import ServiceDayPage

    translate_page(day, "es", {"title": "Día en Carpenter"})
    english = ServiceDayPage.objects.get(pk=day.pk).ics_sequence
    events = {code: _events(client, day, code) for code in LANGUAGES}
    sequences = {int(event["SEQUENCE"]) for found in events.values() for event in found}
    assert sequences == {english}  # one event, one sequence, in every language's files
    # The editor republishes the English day (its text only): every language's event grows.
    day.body = "<p>Bring someone you trust.</p>"
    day.save_revision().publish()
    again = {int(e["SEQUENCE"]) for code in LANGUAGES for e in _events(client, day, code)}
    assert again == {english + 1}
    for event in events["es"]:
        assert (str(event["SUMMARY"]), event["SUMMARY"].params["LANGUAGE"]) == (
            "Día en Carpenter",
            "es",
        )
    for event in events["bs"]:  # not translated into Bosnian: an English title, said so
        assert (str(event["SUMMARY"]), event["SUMMARY"].params["LANGUAGE"]) == (
            "Carpenter day",
            "en",
        )


def test_a_summary_in_two_languages_claims_neither(client, day):
    day.status, day.status_notice = "cancelled", "Closed."
    day.save_revision().publish()
    for event in _events(client, day, "bs"):
        assert str(event["SUMMARY"]) == "Otkazan: Carpenter day"
        assert "LANGUAGE" not in event["SUMMARY"].params


def test_json_ld_declares_the_language_of_its_text_and_the_home_in_the_page_s(client, day):
    translate_page(day, "es", {"title": "Día en Carpenter"})
    spanish = json.loads(_ld_json(client.get(f"/es{day.url}").content.decode()))
    assert spanish["mainEntityOfPage"]["inLanguage"] == "es"
    assert spanish["organizer"]["url"] == "http://testserver/es/"
    bosnian = json.loads(_ld_json(client.get(f"/bs{day.url}").content.decode()))
    # Not translated: the English text is declared English, its description too.
    assert bosnian["name"] == "Carpenter day"
    assert bosnian["mainEntityOfPage"]["inLanguage"] == "en"
    assert bosnian["description"] == "Free help for victims of crime: Legal aid referral"
    assert bosnian["organizer"]["url"] == "http://testserver/bs/"


def _ld_json(html: str) -> str:
    return re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
