"""What a visitor sees on the service-day pages: lists, filters, a day, its calendar file."""

import datetime
import json
import re
from html import unescape

import pytest
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from events.models import ServiceDayPage
from tests.factories import (
    make_language,
    make_location,
    make_service,
    make_service_day,
    make_service_day_index,
)
from voca.clock import local_today

pytestmark = pytest.mark.django_db

TODAY = local_today()


def days_ahead(n):
    return TODAY + datetime.timedelta(days=n)


def titles_on(html):
    return [
        unescape(t)
        for t in re.findall(r'class="day-card__title"><a href="[^"]*">([^<]*)</a>', html)
    ]


def test_index_lists_upcoming_days_soonest_first_and_the_archive_keeps_past_ones(client):
    make_service_day(days_ahead(10), title="Later day")
    make_service_day(days_ahead(1), title="Tomorrow's day")
    make_service_day(days_ahead(-2), title="Last week's day")
    html = client.get("/service-days/").content.decode()
    assert titles_on(html) == ["Tomorrow's day", "Later day"]
    assert "2 upcoming service days" in html
    archive = client.get("/service-days/archive/").content.decode()
    assert titles_on(archive) == ["Last week's day"]


def test_filters_narrow_the_list_and_the_url_can_be_shared(client):
    legal = make_service("Legal aid referral")
    spanish = make_language("Spanish", "es")
    county = make_location(
        "Natural Bridge Branch",
        zip_code="63121",
        area="St. Louis County",
        latitude="38.706500",
        longitude="-90.304500",
    )
    make_service_day(days_ahead(1), title="City day")
    make_service_day(
        days_ahead(40),
        title="County legal day in Spanish",
        location=county,
        services=[legal],
        languages=[spanish],
    )
    for query in (
        "service=legal-aid-referral",
        "language=es",
        "area=St.+Louis+County",
        "zip=63121&within=5",  # the city day is 8 miles away
        f"month={days_ahead(40):%Y-%m}",
        f"start={days_ahead(30):%Y-%m-%d}&end={days_ahead(50):%Y-%m-%d}",
    ):
        html = client.get(f"/service-days/?{query}").content.decode()
        assert titles_on(html) == ["County legal day in Spanish"], query
        assert "matching your filters" in html
    html = client.get("/service-days/?zip=63110&within=5&language=es").content.decode()
    assert titles_on(html) == []
    assert "No upcoming service day matches these filters" in html


def test_long_lists_are_paged_and_a_huge_page_number_shows_the_last_page(client):
    for n in range(23):
        make_service_day(days_ahead(n + 1), title=f"Day {n + 1:02d}", publish=False, live=True)
    first = client.get("/service-days/").content.decode()
    assert len(titles_on(first)) == 20
    assert "Page 1 of 2" in first
    last = client.get("/service-days/?page=999999999999999999999").content.decode()
    assert titles_on(last) == ["Day 21", "Day 22", "Day 23"]


@pytest.mark.parametrize(
    "query",
    [
        "service=%3Cscript%3Ealert(1)%3C/script%3E",
        "language=%00",
        "language=" + "x" * 5000,
        "month=2026-13",
        "month=%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
        "start=2026-02-30",
        "start=99999-01-01",
        "end=yesterday",
        "start=2026-12-31&end=2026-01-01",
        "zip=%3Csvg/onload=alert(1)%3E",
        "area=%27%3B%20DROP%20TABLE%20events_location%3B--",
        "page=-1",
        "page=abc",
        "page=1e308",
        "service[]=a&service=b&service=c",
        "%ff%fe=%ff",
    ],
)
def test_bad_filter_values_give_a_clear_message_never_a_500_and_are_never_reflected_raw(
    client, query
):
    make_service_day(days_ahead(1), title="A day")
    for path in ("/service-days/", "/service-days/archive/", "/service-days/nearby.json"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, query)
        body = response.content.decode("utf-8", "replace")
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert "<svg/onload" not in body
    html = client.get(f"/service-days/?{query}").content.decode()
    if "page=" not in query and "%ff" not in query:
        assert "Some filters were not used" in html or "A day" not in html


def test_a_date_range_that_ends_before_it_starts_is_explained_on_the_field(client):
    make_service_day_index()
    html = client.get("/service-days/?start=2026-12-31&end=2026-01-01").content.decode()
    assert "The &#x27;To&#x27; date is before the &#x27;From&#x27; date." in html
    assert 'aria-invalid="true"' in html


def test_a_service_day_page_shows_when_where_help_staff_and_directions(client):
    bosnian = make_language("Bosnian", "bs", native_name="Bosanski")
    day = make_service_day(
        days_ahead(3),
        title="Service day at Carpenter",
        languages=[bosnian],
        staffing=(("program_representative", 2), ("social_worker", 2), ("advocate", 1)),
        what_to_bring="Photo ID, if you have one\nCase number",
    )
    html = client.get(day.url).content.decode()
    assert "3309 S Grand Blvd, St. Louis, MO 63118" in html
    assert "10 a.m." in html and "2 p.m." in html
    assert "2 program representatives" in html and "1 victim advocate" in html
    assert "Bosanski" in html
    assert "<li>Case number</li>" in html
    assert "google.com/maps/dir/?api=1&amp;destination=" in html
    assert f'href="{day.url}calendar.ics"' in html


def test_json_ld_describes_the_event_for_search_engines(client):
    day = make_service_day(days_ahead(3), title="JSON-LD day")
    html = client.get(day.url).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event"
    assert data["startDate"].endswith(("-06:00", "-05:00"))
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["isAccessibleForFree"] is True
    assert data["location"]["address"]["postalCode"] == "63118"
    assert data["location"]["geo"]["latitude"] == pytest.approx(38.5994)
    assert "Crime Victim Services Unit" in data["organizer"]["name"]


def test_text_in_json_ld_cannot_close_the_script_element(client):
    day = make_service_day(days_ahead(3), title="</script><script>alert(1)</script>")
    html = client.get(day.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html


def cancel(day, notice="Cancelled: the library is closed."):
    day.status = ServiceDayPage.Status.CANCELLED
    day.status_notice = notice
    day.save_revision().publish()
    day.refresh_from_db()
    return day


def test_a_cancelled_day_says_so_everywhere_it_appears(client):
    day = cancel(make_service_day(days_ahead(2), title="Cancelled day"), "Library closed.")
    for url in ("/", "/service-days/", day.url):
        html = client.get(url).content.decode()
        assert "Library closed." in html, url
        assert "Cancelled" in html, url
    data = re.search(r'ld\+json">(.*?)</script>', client.get(day.url).content.decode(), re.S)
    assert json.loads(data.group(1))["eventStatus"] == "https://schema.org/EventCancelled"
    event = Calendar.from_ical(client.get(f"{day.url}calendar.ics").content).events[0]
    assert event["STATUS"] == "CANCELLED"


def test_a_moved_day_shows_its_notice(client):
    day = make_service_day(days_ahead(2), title="Moved day")
    day.status, day.status_notice = ServiceDayPage.Status.MOVED, "Now at the rec centre."
    day.save_revision().publish()
    for url in ("/", "/service-days/", day.url):
        assert "Now at the rec centre." in client.get(url).content.decode(), url


def test_day_calendar_file_has_a_stable_uid_and_a_sequence_that_grows(client):
    day = make_service_day(days_ahead(5), title="Calendar day")
    response = client.get(f"{day.url}calendar.ics")
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    first = Calendar.from_ical(response.content).events[0]
    assert first.start.isoformat().startswith(days_ahead(5).isoformat() + "T10:00:00")
    assert str(first.start.tzinfo) == "America/Chicago"
    assert "3309 S Grand Blvd" in first["LOCATION"]

    day.start_time = datetime.time(11, 0)
    day.save_revision().publish()
    second = Calendar.from_ical(client.get(f"{day.url}calendar.ics").content).events[0]
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] > first["SEQUENCE"]
    assert second.start.hour == 11


def test_the_feed_lists_every_upcoming_day_including_cancellations(client):
    make_service_day(days_ahead(-1), title="Past")
    make_service_day(days_ahead(1), title="Soon")
    cancel(make_service_day(days_ahead(2), title="Called off"))
    response = client.get("/service-days/calendar.ics")
    assert response.status_code == 200
    events = {
        str(e["SUMMARY"]).removeprefix("Cancelled: "): e
        for e in Calendar.from_ical(response.content).events
    }
    assert set(events) == {"Soon", "Called off"}
    assert events["Called off"]["STATUS"] == "CANCELLED"
    assert events["Soon"]["STATUS"] == "CONFIRMED"
    assert len({e["UID"] for e in events.values()}) == 2


def test_calendar_urls_only_exist_under_service_day_pages(client):
    make_service_day_index()
    assert client.get("/calendar.ics").status_code == 404
    assert client.get("/no-such-page/calendar.ics").status_code == 404
    draft = make_service_day(days_ahead(1), title="Draft", publish=False)
    assert client.get(f"/service-days/{draft.slug}/calendar.ics").status_code == 404


def test_near_me_data_has_coordinates_and_respects_filters(client):
    legal = make_service("Legal aid referral")
    make_service_day(days_ahead(1), title="Plain")
    make_service_day(days_ahead(2), title="Legal", services=[legal])
    data = client.get("/service-days/nearby.json?service=legal-aid-referral").json()
    assert [d["title"] for d in data["days"]] == ["Legal"]
    assert data["days"][0]["lat"] == pytest.approx(38.5994)
    assert data["days"][0]["directions"].startswith("https://www.google.com/maps/dir/?api=1")
    html = client.get("/service-days/?service=legal-aid-referral").content.decode()
    assert 'data-source="/service-days/nearby.json?service=legal-aid-referral"' in html


def test_home_page_shows_the_next_days_up_front(client):
    for n in range(5):
        make_service_day(days_ahead(n + 1), title=f"Home day {n + 1}", publish=False, live=True)
    html = client.get("/").content.decode()
    assert titles_on(html) == ["Home day 1", "Home day 2", "Home day 3"]
    assert 'href="/service-days/"' in html


def test_sitemap_and_robots(client):
    day = make_service_day(days_ahead(1), title="Sitemap day")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/service-days/{day.slug}/</loc>" in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(["service", "month", "start", "end", "area", "zip", "language", "page"]),
    value=st.text(alphabet=st.characters(blacklist_categories=["Cs"]), min_size=0, max_size=40),
)
def test_any_filter_value_gives_a_page_and_is_escaped(client, field, value):
    make_service_day_index()
    response = client.get("/service-days/", {field: value})
    assert response.status_code == 200
    body = response.content.decode()
    if "<" in value and value.strip("<"):
        assert value not in body or escape(value) == value
