"""The list of days costs the same number of SQL queries however many days there are."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import local_today
from tests.factories import make_language, make_location, make_service, make_service_day

pytestmark = pytest.mark.django_db


def add_days(count, services, languages, locations):
    today = local_today()
    for n in range(count):
        make_service_day(
            today + datetime.timedelta(days=n % 90),
            title=f"Day {n}",
            location=locations[n % len(locations)],
            services=services[: 1 + n % len(services)],
            languages=languages[: n % (len(languages) + 1)],
            publish=False,
            live=True,
        )


def queries_for(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_feed_and_home_cost_the_same_queries_for_5_and_500_days(client):
    services = [make_service(f"Service {n}") for n in range(4)]
    languages = [make_language(f"Language {n}", f"l{n}") for n in range(3)]
    locations = [make_location(f"Place {n}", zip_code=f"6310{n}") for n in range(5)]
    add_days(5, services, languages, locations)
    client.get("/")  # the very first request creates the site settings row
    urls = (
        "/",
        "/service-days/",
        "/service-days/?service=service-1&language=l1",
        "/service-days/?page=2",
        "/service-days/calendar.ics",
        "/service-days/nearby.json",
    )
    with_5 = {url: queries_for(client, url) for url in urls}
    add_days(495, services, languages, locations)
    with_500 = {url: queries_for(client, url) for url in urls}
    assert with_500 == with_5
