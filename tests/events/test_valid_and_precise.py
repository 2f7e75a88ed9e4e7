"""Public pages say exactly what is true and nothing a checker refuses: phone links, dates
echoed into the filter form, rescheduled and cancelled days in JSON-LD and calendar files, one
host in every absolute URL, a description on every page, compressed HTML, landmarks."""

import datetime
import gzip
import json
import re
from html.parser import HTMLParser

import pytest
from icalendar import Calendar

from cms.models import SiteSettings
from events.models import ServiceDayPage
from tests.factories import (
    PASSWORD,
    home_page,
    make_content_page,
    make_location,
    make_service_day,
    make_user,
)
from voca.clock import local_today

pytestmark = pytest.mark.django_db

SOON = local_today() + datetime.timedelta(days=5)


def json_ld(client, url, **headers):
    html = client.get(url, **headers).content.decode()
    return json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))


def publish(day, **changes):
    for name, value in changes.items():
        setattr(day, name, value)
    day.save_revision().publish()
    day.refresh_from_db()
    return day


def test_phone_links_dial_the_digits_and_show_the_number_as_written(client):
    settings = SiteSettings.for_site(home_page().get_site())
    settings.help_line_phone = "(314) 555-0142"
    settings.save()
    html = client.get("/").content.decode()
    assert 'href="tel:314-555-0142">(314) 555-0142</a>' in html
    assert 'href="tel:(314)' not in html and not re.search(r'href="tel:[^"]* ', html)


def test_an_unreadable_filter_date_is_named_but_never_put_back_in_the_date_field(client):
    make_service_day(SOON, title="A day")
    html = client.get("/service-days/?start=2026-13-45").content.decode()
    assert "From: Enter a real date" in html
    start_input = re.search(r'<input type="date" name="start"[^>]*>', html).group(0)
    assert "value=" not in start_input


def test_a_date_typed_another_way_is_shown_back_as_an_iso_date(client):
    make_service_day(SOON, title="A day")
    html = client.get("/service-days/?start=12/31/2026").content.decode()
    assert re.search(r'<input type="date" name="start" value="2026-12-31"', html)


def test_a_day_moved_to_another_date_is_rescheduled_from_its_first_published_start(client):
    day = make_service_day(SOON, title="Rescheduled day", start_time=datetime.time(10))
    publish(day, date=SOON + datetime.timedelta(days=7), start_time=datetime.time(13))
    publish(day, date=SOON + datetime.timedelta(days=8))
    data = json_ld(client, day.url)
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == f"{SOON.isoformat()}T10:00:00{data['startDate'][-6:]}"
    assert data["startDate"].startswith(f"{SOON + datetime.timedelta(days=8)}T13:00:00")


def test_a_day_moved_to_another_place_on_the_same_date_stays_scheduled_at_the_new_place(client):
    day = make_service_day(SOON, title="Moved day")
    hall = make_location("Carondelet Park Recreation Complex", street="930 Holly Hills Blvd")
    publish(day, location=hall, status="moved", status_notice="Now at Carondelet Park.")
    data = json_ld(client, day.url)
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert "previousStartDate" not in data
    assert data["location"]["name"] == "Carondelet Park Recreation Complex"
    assert "Now at Carondelet Park." in data["description"]


def test_a_cancelled_day_is_cancelled_in_json_ld_and_its_calendar_summary_says_so(client):
    day = make_service_day(SOON, title="Called-off day")
    publish(day, status=ServiceDayPage.Status.CANCELLED, status_notice="Library closed.")
    assert json_ld(client, day.url)["eventStatus"] == "https://schema.org/EventCancelled"
    for url in (f"{day.url}calendar.ics", "/service-days/calendar.ics"):
        event = Calendar.from_ical(client.get(url).content).events[0]
        assert str(event["SUMMARY"]) == "Cancelled: Called-off day", url


def test_every_absolute_url_names_the_host_the_visitor_used(client):
    day = make_service_day(SOON, title="Absolute day")
    host = {"HTTP_HOST": "127.0.0.1"}
    sitemap = client.get("/sitemap.xml", **host).content.decode()
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locs and all(loc.startswith("http://127.0.0.1/") for loc in locs), locs
    assert "Sitemap: http://127.0.0.1/sitemap.xml" in client.get("/robots.txt", **host).text
    data = json_ld(client, day.url, **host)
    assert data["url"] == f"http://127.0.0.1{day.url}"
    assert data["organizer"]["url"] == "http://127.0.0.1/"
    for url in (f"{day.url}calendar.ics", "/service-days/calendar.ics"):
        event = Calendar.from_ical(client.get(url, **host).content).events[0]
        assert str(event["URL"]) == f"http://127.0.0.1{day.url}", url
        assert str(event["DESCRIPTION"]).endswith(f"http://127.0.0.1{day.url}"), url


def meta_description(html):
    match = re.search(r'<meta name="description" content="([^"]+)">', html)
    return match.group(1) if match else None


def test_every_public_page_has_a_description_and_a_days_names_when_where_and_help(client):
    day = make_service_day(SOON, title="Described day")
    content = make_content_page("Your rights", intro="What you are entitled to.")
    for url in ("/", "/service-days/", "/service-days/archive/", content.url, "/nowhere/"):
        assert meta_description(client.get(url).content.decode()), url
    assert meta_description(client.get(content.url).content.decode()) == (
        "What you are entitled to."
    )
    text = meta_description(client.get(day.url).content.decode())
    assert f"{SOON:%B} {SOON.day}, {SOON.year}, 10 a.m. to 2 p.m." in text
    assert "Carpenter Branch Library" in text and "Compensation application help" in text


def test_public_html_is_gzipped_with_the_strict_policy_and_staff_pages_are_not(client, roles):
    make_service_day(SOON, title="Zipped day")
    for attempt in ("rendered", "from the cache"):
        response = client.get("/service-days/", HTTP_ACCEPT_ENCODING="gzip")
        assert response["Content-Encoding"] == "gzip", attempt
        assert "Accept-Encoding" in response["Vary"], attempt
        assert "script-src 'self'" in response["Content-Security-Policy"], attempt
        assert "Zipped day" in gzip.decompress(response.content).decode(), attempt
    assert "Content-Encoding" not in client.get("/service-days/")
    make_user("editor1", "Editor")
    client.login(username="editor1", password=PASSWORD)
    for url in ("/service-days/", "/admin/"):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert "Content-Encoding" not in response, url


class Landmarks(HTMLParser):
    """Text and links of <body> that sit outside every landmark (axe's "region" rule)."""

    LANDMARK_TAGS = {"header", "main", "footer", "nav", "aside"}

    def __init__(self):
        super().__init__()
        self.stack, self.in_body, self.outside = [], False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body":
            self.in_body = True
            return
        landmark = tag in self.LANDMARK_TAGS or (tag == "section" and attrs.get("aria-label"))
        self.stack.append((tag, bool(landmark)))
        if tag == "a" and self.in_body and not any(is_mark for _, is_mark in self.stack):
            self.outside.append(attrs.get("href"))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.in_body and data.strip() and not any(is_mark for _, is_mark in self.stack):
            self.outside.append(data.strip())


def test_the_exit_bar_and_skip_link_sit_inside_landmarks(client):
    day = make_service_day(SOON, title="Landmark day")
    for url in ("/", "/service-days/", day.url, "/nowhere/"):
        parser = Landmarks()
        parser.feed(client.get(url).content.decode())
        assert parser.outside == [], url
