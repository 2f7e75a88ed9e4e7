"""The list of days costs the same number of SQL queries however many days there are."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_language, make_location, make_service, make_service_day
from voca.clock import local_today

pytestmark = pytest.mark.django_db


def add_days(count, services, languages, locations):
    """Live days without revisions; their services and languages are linked in bulk."""
    from events.models import ServiceDayPage, ServiceDayStaffing

    today = local_today()
    index_page = make_service_day(today, title="First", publish=False, live=True).get_parent()
    service_links, language_links, staffing = [], [], []
    services_through = ServiceDayPage._meta.get_field("services").remote_field.through
    languages_through = ServiceDayPage._meta.get_field("languages").remote_field.through
    for n in range(count - 1):
        page = ServiceDayPage(
            title=f"Day {n}",
            slug=f"day-{count}-{n}",
            date=today + datetime.timedelta(days=n % 90),
            start_time=datetime.time(10),
            end_time=datetime.time(14),
            location=locations[n % len(locations)],
            live=True,
        )
        index_page.add_child(instance=page)
        service_links += [
            services_through(servicedaypage_id=page.pk, service=s)
            for s in services[: 1 + n % len(services)]
        ]
        language_links += [
            languages_through(servicedaypage_id=page.pk, language=lang)
            for lang in languages[: n % (len(languages) + 1)]
        ]
        staffing.append(ServiceDayStaffing(page_id=page.pk, role="social_worker", count=2))
    services_through.objects.bulk_create(service_links)
    languages_through.objects.bulk_create(language_links)
    ServiceDayStaffing.objects.bulk_create(staffing)


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


@pytest.mark.parametrize("path", ["/service-days/", "/es/service-days/", "/bs/service-days/"])
def test_a_page_rendered_afresh_reads_the_locales_once_and_its_translations_once_per_version(
    client, settings, path
):
    from wagtail.models import Site

    from cms.models import SiteSettings
    from tests.helpers import synchronise_languages

    settings.VOCA_PUBLIC_CACHE_SECONDS = 0
    make_service_day(local_today(), title="Carpenter day")
    synchronise_languages()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # made on first use
    cache.clear()
    client.get(path)  # the shared fragments and the switcher's translations cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "wagtailcore_locale"' in s for s in sql) == 1
    # The switcher's look-up of the page's translations (cached for this content version).
    switcher = '"translation_key" = '
    assert not [s for s in sql if switcher in s and 'AND "wagtailcore_page"."live")' in s]


def test_a_new_translation_shows_in_the_switcher_at_once(client, settings):
    from wagtail.models import Locale

    from tests.helpers import synchronise_languages
    from voca.i18n import translate_page

    settings.VOCA_PUBLIC_CACHE_SECONDS = 0
    day = make_service_day(local_today(), title="Carpenter day")
    synchronise_languages()
    html = client.get(day.url).content.decode()
    assert '<link rel="alternate" hreflang="es"' not in html  # a Spanish alias: no alternate
    translate_page(day, "es", {"title": "Día en Carpenter"})
    assert day.get_translation(Locale.objects.get(language_code="es")).alias_of_id is None
    html = client.get(day.url).content.decode()
    assert '<link rel="alternate" hreflang="es"' in html
