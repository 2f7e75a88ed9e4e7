"""A translated service day follows the English day's facts; its translated text stays its own."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar
from wagtail.models import Locale, PageLogEntry
from wagtail.test.utils.form_data import rich_text
from wagtail_localize.models import TranslationSource

from events.models import ServiceDayPage, ServiceDayStaffing
from events.operations import UNPUBLISH_WITH_ENGLISH
from tests.events.test_admin import day_form
from tests.factories import make_language, make_service, make_service_day, make_user
from tests.helpers import in_language, login, synchronise_languages
from voca.clock import local_today
from voca.i18n import local_date, translate_page, translate_snippet
from voca.roles import EDITOR

pytestmark = pytest.mark.django_db

SPANISH_TITLE = "Día en Carpenter"
SPANISH_BODY = "Traiga a una persona de confianza."
NOTICE = "Closed for repairs: come to Buder Branch Library instead."


@pytest.fixture
def editor(roles):
    return make_user("eddie", EDITOR)


@pytest.fixture
def snippets():
    safety = make_service("Safety planning", slug="safety-planning")
    counseling = make_service("Counseling referral", slug="counseling-referral")
    spanish = make_language("Spanish", "es")
    bosnian = make_language("Bosnian", "bs")
    translate_snippet(safety, "es", {"name": "Plan de seguridad"})
    translate_snippet(counseling, "es", {"name": "Derivación a consejería"})
    translate_snippet(spanish, "es", {"name": "español"})
    translate_snippet(bosnian, "es", {"name": "bosnio"})
    return {"safety": safety, "counseling": counseling, "spanish": spanish, "bosnian": bosnian}


@pytest.fixture
def day(snippets):
    """An English day translated into Spanish; Bosnian is an alias (not translated)."""
    day = make_service_day(
        local_today() + datetime.timedelta(days=7),
        title="Carpenter day",
        services=[snippets["safety"]],
        languages=[snippets["spanish"]],
        body="<p>Bring someone you trust.</p>",
        what_to_bring="Photo ID",
    )
    synchronise_languages()
    translate_page(
        day,
        "es",
        {"title": SPANISH_TITLE, "body": f"<p>{SPANISH_BODY}</p>", "what_to_bring": "Una foto"},
    )
    return day


def spanish(day) -> ServiceDayPage:
    return ServiceDayPage.objects.get(
        translation_key=day.translation_key, locale__language_code="es"
    )


def publish(day, user, **changes):
    """The editor publishes the English day with ``changes`` (as the admin's Publish does)."""
    page = ServiceDayPage.objects.get(pk=day.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish(user=user)
    return page


def html(client, page, code=None) -> str:
    """The public page of ``page`` (in another language ``code``, if given)."""
    response = client.get(page.url if code is None else in_language(page.url, code))
    assert response.status_code == 200
    return response.content.decode()


def spanish_event(client, day):
    body = client.get(f"{spanish(day).url}calendar.ics").content
    return Calendar.from_ical(body).walk("VEVENT")[0]


def json_ld(page_html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    return json.loads(block.group(1))


def test_cancelling_the_english_day_in_the_admin_cancels_the_spanish_page(client, day, editor):
    sequence_before = spanish_event(client, day)["SEQUENCE"]
    login(client, editor)
    form = day_form(
        day.location, day.services.first(), title=day.title, slug=day.slug, date=day.date
    )
    form.update(status="cancelled", status_notice=NOTICE, languages=[day.languages.first().pk])
    form["body"] = rich_text("<p>Bring someone you trust.</p>")
    response = client.post(reverse("wagtailadmin_pages:edit", args=(day.pk,)), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    page = html(client, spanish(day))
    # A true notice at once: the English one (said to be English), until a translator translates it.
    assert f'<strong>Cancelado:</strong> <span lang="en">{NOTICE}</span>' in page
    assert "Dónde conseguir ayuda en su lugar" in page  # nobody is sent to a cancelled day
    assert f"<h1>{SPANISH_TITLE}</h1>" in page
    # The translated text is kept (a cancelled day's page shows its notice, not its text).
    assert SPANISH_BODY in spanish(day).body and "Bring someone you trust" not in page
    assert json_ld(page)["eventStatus"] == "https://schema.org/EventCancelled"
    event = spanish_event(client, day)
    assert str(event["SUMMARY"]) == f"Cancelado: {SPANISH_TITLE}"
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] > sequence_before
    # In the Spanish page's history: a new revision, published by the editor who cancelled.
    entry = PageLogEntry.objects.filter(page=spanish(day), action="wagtail.publish").latest("pk")
    assert entry.user == editor and entry.revision_id == spanish(day).live_revision_id


def test_changed_services_languages_and_staff_follow_in_spanish_names_and_filters(
    client, day, editor, snippets
):
    def found(query):
        listing = client.get(f"/es/service-days/?{query}").content.decode()
        return SPANISH_TITLE in listing

    assert found("service=safety-planning") and not found("service=counseling-referral")
    publish(
        day,
        editor,
        services=[snippets["counseling"]],
        languages=[snippets["bosnian"]],
        staffing=[ServiceDayStaffing(role="interpreter", count=1)],
    )
    page = html(client, spanish(day))
    assert "Derivación a consejería" in page and "bosnio" in page
    assert "Plan de seguridad" not in page and "español" not in page
    assert [(row.role, row.count) for row in spanish(day).staffing.all()] == [("interpreter", 1)]
    assert found("service=counseling-referral") and found("language=bs")
    assert not found("service=safety-planning") and not found("language=es")


def test_an_emptied_language_list_empties_in_spanish_too(client, day, editor):
    assert "español" in html(client, spanish(day))
    publish(day, editor, languages=[])
    assert list(spanish(day).languages.all()) == []
    assert '<h2 id="languages">' not in html(client, spanish(day))
    assert SPANISH_TITLE not in client.get("/es/service-days/?language=es").content.decode()


def test_a_re_dated_day_shows_its_new_date_and_says_rescheduled_in_spanish(client, day, editor):
    first_start = f"{day.date.isoformat()}T10:00:00-0"
    new_date = day.date + datetime.timedelta(days=5)
    publish(day, editor, date=new_date, start_time=datetime.time(13, 0))
    page = html(client, spanish(day))
    with translation.override("es"):
        assert local_date(new_date) in page
    data = json_ld(page)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"].startswith(first_start)
    assert data["startDate"].startswith(f"{new_date.isoformat()}T13:00:00")
    assert f"<h1>{SPANISH_TITLE}</h1>" in page and SPANISH_BODY in page
    # A second move still points back to the first published start, as in English.
    publish(day, editor, date=new_date + datetime.timedelta(days=1))
    assert json_ld(html(client, spanish(day)))["previousStartDate"].startswith(first_start)


def test_a_translated_notice_stays_while_it_speaks_of_the_day_s_status(client, day, editor):
    publish(day, editor, status="cancelled", status_notice=NOTICE)
    translated = spanish(day).get_latest_revision_as_object()
    translated.status_notice = "Cerrado por reparaciones: vaya a la Buder Branch Library."
    translated.save_revision(user=editor).publish(user=editor)
    # The English day republished, still cancelled: the translator's notice stays.
    publish(day, editor, what_to_bring="Photo ID, police report number")
    assert "Cerrado por reparaciones" in html(client, spanish(day))
    # Now moved: the Spanish notice spoke of a cancellation, so the English one stands in.
    publish(day, editor, status="moved", status_notice="Moved to the Buder Branch Library.")
    page = html(client, spanish(day))
    assert (
        '<strong>Trasladado:</strong> <span lang="en">Moved to the Buder Branch Library.</span>'
        in page
    )
    assert "Cerrado por reparaciones" not in page
    assert spanish(day).what_to_bring_items == ["Una foto"]  # text is the translator's


def test_republishing_english_text_alone_leaves_the_spanish_page_as_it_was(client, day, editor):
    before = spanish(day)
    publish(day, editor, body="<p>Bring someone you trust, and water.</p>")
    after = spanish(day)
    assert after.live_revision_id == before.live_revision_id
    assert after.ics_sequence == before.ics_sequence


def test_publishing_the_spanish_page_does_not_touch_the_english_one(client, day, editor):
    english = ServiceDayPage.objects.get(pk=day.pk)
    translated = spanish(day).get_latest_revision_as_object()
    translated.status, translated.status_notice = "cancelled", "Cerrado."
    translated.save_revision(user=editor).publish(user=editor)
    after = ServiceDayPage.objects.get(pk=day.pk)
    assert after.status == "scheduled" and after.status_notice == ""
    assert (after.live_revision_id, after.ics_sequence) == (
        english.live_revision_id,
        english.ics_sequence,
    )
    assert "Cancelled" not in html(client, after)
    assert "Otkazan" not in html(client, after, code="bs")  # the alias follows English only


def test_a_translator_s_draft_keeps_its_text_and_gets_the_new_facts(client, day, editor):
    draft = spanish(day).get_latest_revision_as_object()
    draft.body = "<p>Borrador sin terminar.</p>"
    draft.save_revision(user=editor)
    publish(day, editor, status="cancelled", status_notice=NOTICE)
    page = html(client, spanish(day))
    assert "Cancelado" in page and "Borrador" not in page
    assert SPANISH_BODY in spanish(day).body  # the published text, kept
    latest = spanish(day).get_latest_revision_as_object()
    assert spanish(day).has_unpublished_changes
    assert "Borrador sin terminar" in latest.body and latest.status == "cancelled"


def test_unpublishing_the_english_day_unpublishes_the_spanish_one_until_it_returns(
    client, day, editor
):
    ServiceDayPage.objects.get(pk=day.pk).unpublish(user=editor)
    assert not spanish(day).live
    assert client.get(spanish(day).url).status_code == 404
    entry = PageLogEntry.objects.filter(page=spanish(day)).latest("pk")
    assert (entry.action, entry.user) == (UNPUBLISH_WITH_ENGLISH, editor)
    login(client, editor)
    history = client.get(reverse("wagtailadmin_pages:history", args=(spanish(day).pk,)))
    assert "Unpublished with the English page" in history.content.decode()
    client.logout()

    publish(day, editor)
    assert spanish(day).live
    assert SPANISH_TITLE in html(client, spanish(day))


def test_a_spanish_page_its_translator_unpublished_stays_unpublished(client, day, editor):
    spanish(day).unpublish(user=editor)
    publish(day, editor, status="cancelled", status_notice=NOTICE)
    assert not spanish(day).live
    assert spanish(day).get_latest_revision_as_object().status == "cancelled"


def test_wagtail_localize_s_own_sync_copies_services_and_languages(day, snippets):
    english = ServiceDayPage.objects.get(pk=day.pk)
    english.services = [snippets["counseling"]]
    english.languages = [snippets["bosnian"]]
    source, _ = TranslationSource.update_or_create_from_instance(english)
    source.create_or_update_translation(
        Locale.objects.get(language_code="es"), publish=False, fallback=True
    )
    synced = spanish(day).get_latest_revision_as_object()
    assert [s.slug for s in synced.services.all()] == ["counseling-referral"]
    assert [lang.code for lang in synced.languages.all()] == ["bs"]
