"""Each entry of the list of days is drawn once per content version and language, then reused:
the list itself is queried for every request, and an entry is never stale."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import ContentVersion
from tests.factories import make_language, make_service, make_service_day
from tests.helpers import synchronise_languages
from voca.clock import local_today
from voca.i18n import translate_snippet

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.VOCA_PUBLIC_CACHE_SECONDS = 0


@pytest.fixture
def day(client):
    safety = make_service("Safety planning", slug="safety-planning")
    translate_snippet(safety, "es", {"name": "Plan de seguridad"})
    day = make_service_day(
        local_today() + datetime.timedelta(days=3),
        title="Carpenter day",
        services=[safety],
        languages=[make_language("Vietnamese", "vi")],
    )
    synchronise_languages()
    client.get("/")  # the first request creates the site settings (a content change)
    return day


def names_queries(client, path) -> int:
    """Queries reading the services a listing's days offer."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return sum('FROM "events_servicedaypage_services"' in q["sql"] for q in queries)


def test_a_second_visit_reuses_the_entries_without_reading_their_names(client, day):
    assert names_queries(client, "/service-days/") == 1
    assert names_queries(client, "/service-days/") == 0
    assert names_queries(client, "/es/service-days/") == 1  # another language: drawn afresh


def test_an_entry_is_never_stale_nor_in_another_language(client, day):
    english = client.get("/service-days/").content.decode()
    spanish = client.get("/es/service-days/").content.decode()
    assert "Safety planning" in english and "Plan de seguridad" not in english
    assert "Plan de seguridad" in spanish and "Safety planning" not in spanish
    day.status, day.status_notice = "cancelled", "Library closed for repairs."
    day.save_revision().publish()
    for path in ("/service-days/", "/es/service-days/", "/"):
        html = client.get(path).content.decode()
        assert "Library closed for repairs." in html, path
        assert "day-card--cancelled" in html, path


def test_an_upgrade_s_migrate_changes_the_content_version():
    before = ContentVersion.current()
    call_command("migrate", verbosity=0)
    assert ContentVersion.current() != before
