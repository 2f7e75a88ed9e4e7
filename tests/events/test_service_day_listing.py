"""Editors find a service day by date, place and status (Service days > All service days)."""

import datetime
import re

import pytest

from tests.factories import make_location, make_service_day, make_user
from tests.helpers import admin_menu_names, login
from voca.roles import EDITOR

pytestmark = pytest.mark.django_db

URL = "/admin/service_day_listing/"


@pytest.fixture
def days(roles):
    carpenter = make_location()
    buder = make_location("Buder Branch Library", street="4401 Hampton Ave", zip_code="63109")
    title = "Victim Service Day at Carpenter Branch Library"
    return {
        "later": make_service_day(datetime.date(2027, 1, 14), title=title, location=carpenter),
        "first": make_service_day(
            datetime.date(2026, 12, 3),
            title=title,
            location=carpenter,
            status="cancelled",
            status_notice="Library closed",
        ),
        "buder": make_service_day(datetime.date(2026, 12, 10), location=buder),
    }


def test_editors_see_every_day_by_date_with_time_place_status_and_staffing(client, days):
    login(client, make_user("eddie", EDITOR))
    html = client.get(URL).content.decode()
    assert "All service days" in html
    positions = [html.index(text) for text in ("3 Dec 2026", "10 Dec 2026", "14 Jan 2027")]
    assert positions == sorted(positions)
    for shown in ("10:00\u201314:00", "Buder Branch Library", "Cancelled", "2 social workers"):
        assert shown in html
    # Two days share a title: the date tells them apart in the admin.
    assert "Victim Service Day at Carpenter Branch Library · 3 Dec 2026" in html


def test_editors_filter_days_by_month_status_and_place(client, days):
    login(client, make_user("eddie", EDITOR))
    december = client.get(URL, {"month": "2026-12"}).content.decode()
    assert "3 Dec 2026" in december and "14 Jan 2027" not in december
    cancelled = client.get(URL, {"status": "cancelled"}).content.decode()
    assert "3 Dec 2026" in cancelled and "10 Dec 2026" not in cancelled
    buder = client.get(URL, {"location": days["buder"].location_id}).content.decode()
    assert "10 Dec 2026" in buder and "3 Dec 2026" not in buder


def test_the_service_days_menu_holds_the_listing(client, days):
    login(client, make_user("eddie", EDITOR))
    html = client.get("/admin/").content.decode()
    assert "service-days" in admin_menu_names(client.get("/admin/"))
    assert '"All service days"' in html and URL in html


def test_field_staff_neither_see_nor_open_the_listing(client, days):
    from voca.roles import ADVOCATE

    login(client, make_user("alex", ADVOCATE))
    assert "service-days" not in admin_menu_names(client.get("/admin/"))
    assert client.get(URL).status_code in (302, 403)


def test_editors_see_each_day_once_with_the_languages_it_is_translated_into(client, days):
    from tests.helpers import synchronise_languages
    from voca.i18n import translate_page

    synchronise_languages()  # every day is in Spanish and Bosnian too, as aliases
    translate_page(days["buder"], "es", {"title": "Día en Buder"})
    login(client, make_user("eddie", EDITOR))
    html = client.get(URL).content.decode()
    listing = html.split('<table class="listing')[1].split("</table>")[0].split("<tbody")[1]
    rows = re.findall(r"<tr[^>]*>.*?</tr>", listing, re.S)
    assert len(rows) == 3
    buder = next(row for row in rows if "10 Dec 2026" in row)
    assert "English, Español; Bosanski not translated" in buder
    assert "Día en Buder" not in html
    first = next(row for row in rows if "3 Dec 2026" in row)
    assert "English; Español, Bosanski not translated" in first
