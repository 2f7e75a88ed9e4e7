"""One money and one date format for the back office (voca.formats)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template

from voca import formats


def test_money_has_a_dollar_sign_thousands_separators_and_a_leading_minus():
    assert formats.money(Decimal("12064.25")) == "$12,064.25"
    assert formats.money(Decimal("-1234.5")) == "-$1,234.50"
    assert formats.money(Decimal("0")) == "$0.00"
    assert formats.money(None) == "—"


def test_a_day_is_written_1_dec_2026_and_a_moment_in_st_louis_time():
    assert formats.day(dt.date(2026, 12, 1)) == "1 Dec 2026"
    # 20:05 UTC on 1 Dec is 14:05 in St. Louis (CST, UTC-6).
    assert formats.moment(dt.datetime(2026, 12, 1, 20, 5, tzinfo=dt.UTC)) == "1 Dec 2026 14:05"
    # 03:00 UTC on 2 Dec is still 1 Dec in St. Louis.
    assert formats.day(dt.datetime(2026, 12, 2, 3, 0, tzinfo=dt.UTC)) == "1 Dec 2026"
    assert formats.month(dt.date(2026, 12, 1)) == "Dec 2026"
    assert formats.day(None) == "—"


def test_a_days_hours_use_the_same_24_hour_clock():
    assert formats.hours(dt.time(9, 30), dt.time(14, 0)) == "09:30\u201314:00"
    assert formats.hours(None, dt.time(14, 0)) == "—"
    html = Template("{% load voca_formats %}{{ s|hours:e }}").render(
        Context({"s": dt.time(10, 0), "e": dt.time(15, 45)})
    )
    assert html == "10:00\u201315:45"


def test_templates_use_the_same_helpers():
    html = Template("{% load voca_formats %}{{ a|money }} · {{ d|day }}").render(
        Context({"a": Decimal("-5"), "d": dt.date(2027, 1, 9)})
    )
    assert html == "-$5.00 · 9 Jan 2027"


@pytest.mark.django_db
def test_the_admin_is_branded_as_the_back_office_with_no_software_version(client, roles):
    import re

    from django.conf import settings

    from tests.factories import make_user
    from tests.helpers import login
    from voca.roles import EDITOR

    login(client, make_user("web", EDITOR))
    html = client.get("/admin/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title == f"Dashboard - {settings.WAGTAIL_SITE_NAME} back office"
    assert "editor guide" not in html and "Wagtail 8" not in html
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1).strip()
    assert heading == f"{settings.WAGTAIL_SITE_NAME} back office"


@pytest.mark.django_db
def test_a_back_office_page_not_found_leads_back_to_the_back_office_not_to_wagtail(client, roles):
    from tests.factories import make_user
    from tests.helpers import login
    from voca.roles import ADVOCATE

    login(client, make_user("field", ADVOCATE))
    response = client.get("/admin/services/contacts/inspect/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Go to the back office home" in html and "Go to Wagtail admin" not in html
