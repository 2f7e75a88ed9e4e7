"""The whole-page cache makes repeat visits cheap and never shows stale content."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import SiteSettings
from events.models import ServiceDayPage
from tests.factories import make_content_page, make_service_day, make_user
from tests.helpers import login
from voca.clock import local_today

pytestmark = pytest.mark.django_db

SOON = local_today() + datetime.timedelta(days=3)
PUBLIC_URLS = ("/", "/service-days/", "/service-days/calendar.ics")


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_repeat_visit_is_served_from_the_cache_with_one_query(client):
    day = make_service_day(SOON, title="Cached day")
    fetch(client, "/")  # the very first request creates the site settings row (a content change)
    for url in (*PUBLIC_URLS, day.url):
        fetch(client, url)
        with CaptureQueriesContext(connection) as queries:
            assert "Cached day" in fetch(client, url)
        assert len(queries) == 1, url  # the content-version check


def test_editing_and_publishing_a_day_shows_at_once_everywhere(client):
    day = make_service_day(SOON, title="Before edit")
    for url in (*PUBLIC_URLS, day.url):
        assert "Before edit" in fetch(client, url)
    day.title = "After edit"
    day.save_revision().publish()
    for url in (*PUBLIC_URLS, day.url):
        html = fetch(client, url)
        assert "After edit" in html and "Before edit" not in html, url


def test_cancelling_a_day_shows_at_once_everywhere(client):
    day = make_service_day(SOON, title="Soon cancelled")
    for url in (*PUBLIC_URLS, day.url):
        fetch(client, url)
    day.status, day.status_notice = ServiceDayPage.Status.CANCELLED, "Called off for snow."
    day.save_revision().publish()
    for url in ("/", "/service-days/", day.url):
        assert "Called off for snow." in fetch(client, url), url
    assert "STATUS:CANCELLED" in fetch(client, "/service-days/calendar.ics")


def test_unpublishing_or_deleting_a_day_removes_it_at_once(client):
    day = make_service_day(SOON, title="Going away")
    kept = make_service_day(SOON, title="Staying")
    for url in (*PUBLIC_URLS, day.url):
        fetch(client, url)
    day.unpublish()
    assert client.get(day.url).status_code == 404
    for url in PUBLIC_URLS:
        html = fetch(client, url)
        assert "Going away" not in html and "Staying" in html, url
    kept.delete()
    for url in PUBLIC_URLS:
        assert "Staying" not in fetch(client, url), url


def test_publishing_a_new_day_shows_at_once(client):
    make_service_day(SOON, title="First")
    for url in PUBLIC_URLS:
        fetch(client, url)
    make_service_day(SOON, title="Brand new")
    for url in PUBLIC_URLS:
        assert "Brand new" in fetch(client, url), url


def test_editing_a_location_or_the_site_settings_shows_at_once(client):
    day = make_service_day(SOON, title="Located")
    for url in ("/", "/service-days/", day.url):
        fetch(client, url)
    location = day.location
    location.street = "1 New Street"
    location.save()
    settings = SiteSettings.for_site(day.get_site())
    settings.crisis_line_phone = "314-555-0199"
    settings.save()
    for url in ("/", "/service-days/", day.url):
        html = fetch(client, url)
        assert "1 New Street" in html and "314-555-0199" in html, url


def test_content_pages_update_at_once(client):
    page = make_content_page("Rights", body="<p>Old words</p>")
    assert "Old words" in fetch(client, page.url)
    page.body = "<p>New words</p>"
    page.save_revision().publish()
    assert "New words" in fetch(client, page.url)


def test_signed_in_staff_bypass_the_cache(client, roles):
    make_service_day(SOON, title="Staff view")
    fetch(client, "/service-days/")
    login(client, make_user("eddie", "Editor"))
    with CaptureQueriesContext(connection) as queries:
        fetch(client, "/service-days/")
    assert len(queries) > 1


def test_filtered_lists_are_cached_per_query_string(client):
    make_service_day(SOON, title="Only day")
    assert "Only day" in fetch(client, "/service-days/?zip=63118")
    assert "Only day" not in fetch(client, "/service-days/?zip=64101")  # Kansas City
    assert "Only day" in fetch(client, "/service-days/?zip=63118")


def test_moving_a_page_shows_at_once(client):
    rights = make_content_page("Rights")
    about = make_content_page("About us")
    assert f'href="{about.url}"' in fetch(client, "/")
    about.move(rights, pos="last-child")
    html = fetch(client, "/")
    assert "About us" not in html
    assert client.get("/rights/about-us/").status_code == 200


def test_a_draft_never_reaches_the_public_page(client):
    page = make_content_page("Rights", body="<p>Published words</p>")
    fetch(client, page.url)
    page.body = "<p>Draft words</p>"
    page.save_revision()
    html = fetch(client, page.url)
    assert "Published words" in html and "Draft words" not in html


def test_rows_of_other_apps_leave_the_cached_pages_alone(client):
    from cms.models import ContentVersion

    make_content_page("Rights")
    before = ContentVersion.current()
    make_user("someone")
    assert ContentVersion.current() == before


def test_pages_rendered_afresh_reuse_header_footer_and_filters_but_never_stale(client):
    """With the whole-page cache off (a staff visit, a first visit), the shared parts come from
    fragments keyed on the content version: cheaper, and changed as soon as the content is."""
    from django.test.utils import override_settings

    from tests.factories import make_service

    day = make_service_day(SOON, title="Fresh day")
    fetch(client, "/")  # the very first request creates the site settings row
    with override_settings(VOCA_PUBLIC_CACHE_SECONDS=0):
        with CaptureQueriesContext(connection) as first:
            fetch(client, "/service-days/")
        with CaptureQueriesContext(connection) as second:
            html = fetch(client, "/service-days/")
        assert len(second) < len(first)
        assert "Fresh day" in html and "Help you need" in html

        settings = SiteSettings.for_site(day.get_site())
        settings.crisis_line_phone = "314-555-0142"
        settings.unit_name = "Victim Services Unit (new name)"
        settings.save()
        make_service("Interpreter help")
        make_content_page("Know your rights", show_in_menus=True)
        for url in ("/", "/service-days/", day.url):
            html = fetch(client, url)
            assert "314-555-0142" in html, url
            assert "<title>" in html and "· Victim Services Unit (new name)</title>" in html, url
            assert ">Know your rights</a>" in html, url
        assert "Interpreter help" in fetch(client, "/service-days/")


def test_only_renders_that_read_the_content_version_first_store_shared_fragments(client, rf):
    """A preview (no public-page middleware) reads the version late, after the page's data: what
    it renders may predate that version, so it must not be kept under it."""
    from django.core.cache import cache
    from django.template.loader import render_to_string

    fetch(client, "/")  # the very first request creates the site settings row
    cache.clear()

    def settings_queries(read_first):
        request = rf.get("/", HTTP_HOST="testserver")
        if read_first:
            request.content_version_read_first = True
        with CaptureQueriesContext(connection) as queries:
            html = render_to_string("base.html", {"page": None}, request=request)
        assert "Exit this page" in html
        return sum("cms_sitesettings" in q["sql"] for q in queries)

    assert settings_queries(read_first=False) > 0
    assert settings_queries(read_first=False) > 0  # nothing was stored
    assert settings_queries(read_first=True) > 0  # stores
    assert settings_queries(read_first=True) == 0
    assert settings_queries(read_first=False) == 0  # may reuse what a first reader stored
