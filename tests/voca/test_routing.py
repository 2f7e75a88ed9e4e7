"""Public pages are found from a remembered route, which is never stale (voca/routing.py)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import make_service, make_service_day
from tests.helpers import in_language, synchronise_languages
from voca.clock import local_today

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Every request is routed and rendered (the whole-page cache would answer repeats)."""
    settings.VOCA_PUBLIC_CACHE_SECONDS = 0


@pytest.fixture
def day():
    day = make_service_day(
        local_today() + datetime.timedelta(days=3),
        title="Carpenter day",
        services=[make_service("Legal aid referral")],
    )
    synchronise_languages()
    return day


@pytest.fixture
def client(client, day):
    client.get("/")  # the very first request creates the site settings (a content change)
    return client


def page_queries(client, path) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return response, [q["sql"] for q in queries]


def tree_lookups(sql: list[str]) -> int:
    """Queries that look a page up by its slug (Wagtail's routing, one per level)."""
    return sum('"wagtailcore_page"."slug" =' in q for q in sql)


@pytest.mark.parametrize("code", ["en", "es", "bs"])
def test_a_day_is_found_without_walking_the_tree_once_its_route_is_known(client, day, code):
    path = in_language(day.url, code)
    first, first_sql = page_queries(client, path)
    again, again_sql = page_queries(client, path)
    assert tree_lookups(first_sql) == 2  # the list, then the day
    assert tree_lookups(again_sql) == 0
    assert len(again_sql) <= len(first_sql) - 4
    assert again.content == first.content


def test_every_page_and_sub_page_answers_the_same_from_a_remembered_route(client, day):
    paths = ["/", "/es/", "/service-days/", "/bs/service-days/", "/service-days/archive/"]
    paths += [day.url, in_language(day.url, "es")]
    first = {path: client.get(path) for path in paths}
    for path in paths:
        again = client.get(path)
        assert again.status_code == first[path].status_code == 200, path
        assert again.content == first[path].content, path


def test_an_unpublished_day_is_gone_at_once(client, day):
    assert client.get(day.url).status_code == 200
    day.unpublish()
    assert client.get(day.url).status_code == 404


def test_a_renamed_day_answers_at_its_new_address_only(client, day):
    old_url = day.url
    assert client.get(old_url).status_code == 200
    day.slug = "carpenter-renamed"
    day.save_revision().publish()
    day.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert client.get(day.url).status_code == 200


def test_an_unknown_address_is_a_404_and_never_remembered(client, day):
    from django.core.cache import cache

    def routes():
        return {key for key in cache._cache if ":voca:route:" in key}

    known = routes()
    assert known  # the home page's route, from the client's first visit
    for _ in range(2):
        assert client.get("/service-days/no-such-day/").status_code == 404
        assert client.get("/es/no/such/page/").status_code == 404
    assert routes() == known
    assert client.get("/service-days/").status_code == 200
    assert len(routes()) == len(known) + 1


def test_a_restricted_day_still_asks_for_its_password(client, day):
    assert client.get(day.url).status_code == 200
    PageViewRestriction.objects.create(
        page=day, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(day.url)
    assert response.status_code == 200
    assert "password" in response.content.decode().lower()
    assert "Carpenter day" not in response.content.decode()
