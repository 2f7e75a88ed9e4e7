"""A cancelled day reads as cancelled: its notice, where to get help instead, the next days."""

import datetime
import re
from html import unescape

import pytest

from events.models import ServiceDayPage
from tests.factories import make_location, make_service_day
from tests.helpers import at, in_language, moment, synchronise_languages
from voca.i18n import translate_page

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def cancel(day, notice):
    day.status, day.status_notice = ServiceDayPage.Status.CANCELLED, notice
    day.save_revision().publish()
    day.refresh_from_db()
    return day


@pytest.fixture
def days():
    place = make_location(transit="Bus 70 Grand", parking="Free lot behind the library")
    cancelled = cancel(
        make_service_day(
            datetime.date(2026, 12, 3),
            title="Carpenter day",
            location=place,
            what_to_bring="Photo ID, if you have one",
        ),
        "Cancelled because the library is closed for repairs.",
    )
    other = cancel(make_service_day(datetime.date(2026, 12, 4), title="Other day"), "Closed.")
    make_service_day(datetime.date(2026, 12, 10), title="Next open day")
    return {"cancelled": cancelled, "other": other}


def test_a_cancelled_day_shows_its_notice_help_instead_and_the_next_days_only(client, days):
    with at(moment(2026, 12, 1)):
        html = client.get(days["cancelled"].url).content.decode()
    text = text_of(html)
    assert "{#" not in text and "#}" not in text  # no template comment shown to visitors
    assert "Cancelled because the library is closed for repairs." in text
    assert "Where to get help instead" in text
    assert "It was planned for Thursday, December 3, 2026, 10 a.m. to 2 p.m., at Carpenter" in text
    # The next days people can go to: scheduled ones, never another cancelled day.
    next_days = html[html.index('id="next-days-heading"') :]
    assert "Next open day" in next_days and "Other day" not in next_days
    # Nothing about the cancelled day reads as if people will come.
    text = text_of(html[: html.index('id="next-days-heading"')])
    for gone in (
        "Who will be there",
        "social workers",
        "What to bring",
        "Photo ID",
        "Getting there",
        "Bus 70 Grand",
        "Get directions",
        "Add to calendar",
        "No appointment",
    ):
        assert gone not in text, gone


def test_the_status_is_not_said_twice_before_a_notice_that_says_it(client, days):
    with at(moment(2026, 12, 1)):
        for url in ("/service-days/", days["cancelled"].url):
            text = text_of(client.get(url).content.decode())
            assert "Cancelled: Cancelled because" not in text, url
            assert "Cancelled because the library is closed for repairs." in text, url
            # A notice that does not say it keeps the label.
            if url == "/service-days/":
                assert "Cancelled: Closed." in text


def test_the_spanish_notice_is_not_doubled_either(client, days):
    synchronise_languages()
    translate_page(
        days["cancelled"],
        "es",
        {"title": "Día en Carpenter", "status_notice": "Cancelado porque la biblioteca cerró."},
    )
    with at(moment(2026, 12, 1)):
        for url in ("/service-days/", days["cancelled"].url):
            text = text_of(client.get(in_language(url, "es")).content.decode())
            assert "Cancelado porque la biblioteca cerró." in text, url
            assert "Cancelado: Cancelado" not in text, url


def test_near_me_data_marks_a_cancelled_day_and_offers_no_directions(client, days):
    with at(moment(2026, 12, 1)):
        rows = {d["title"]: d for d in client.get("/service-days/nearby.json").json()["days"]}
    assert rows["Carpenter day"]["cancelled"] is True
    assert rows["Carpenter day"]["directions"] == ""
    assert rows["Carpenter day"]["notice"].startswith("Cancelled because")
    assert rows["Next open day"]["cancelled"] is False
    assert rows["Next open day"]["directions"].startswith("https://www.google.com/maps/dir/")
