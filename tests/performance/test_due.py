"""Deadlines the grants manager sees (voca.due): quarters ended and not submitted (due 30 days
after the quarter), reports returned to the agency, and reports waiting on the state; and the
menus each role sees."""

import datetime as dt

import pytest

from performance import operations
from performance.due import due_items
from tests.helpers import admin_menu_names, at, login

from .conftest import AFTER_Q2, LATE
from .test_figures import consistent

pytestmark = pytest.mark.django_db


def test_ended_quarters_not_submitted_are_due_thirty_days_after(director, subaward, people):
    today = dt.date(2027, 4, 15)
    items = due_items(today)
    assert [(i.subject, i.due_on) for i in items] == [
        (f"{subaward.number} · Safe · FY2027 Q2", dt.date(2027, 4, 30))
    ]
    assert items[0].status(dt.date(2027, 4, 20)) == "due soon"
    assert items[0].organization_id == subaward.subrecipient_id
    assert due_items(dt.date(2027, 5, 20))[0].status(dt.date(2027, 5, 20)) == "overdue"
    # A draft is still due; a submitted one waits on the state; a returned one on the agency.
    with at(AFTER_Q2):
        report = operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2, values=consistent()
        )
    assert due_items(today)[0].due_on == dt.date(2027, 4, 30)
    with at(AFTER_Q2):
        operations.submit_report(director, report_id=report.pk)
    (waiting,) = due_items(today)
    assert waiting.kind.endswith("to review") and waiting.due_on is None
    assert waiting.waiting_since == today
    with at(LATE):
        operations.return_report(people["gm"], report_id=report.pk, reason="Check the ages")
    (returned,) = due_items(dt.date(2027, 5, 20))
    assert returned.kind.endswith("returned for correction")
    with at(LATE):
        operations.submit_report(director, report_id=report.pk)
        operations.accept_report(people["gm"], report_id=report.pk)
    assert due_items(dt.date(2027, 5, 20)) == []


def test_no_quarter_is_due_before_it_ends(subaward):
    assert due_items(dt.date(2027, 3, 31)) == []


def test_menus(client, director, advocate, people):
    login(client, director)
    menus = admin_menu_names(client.get("/admin/"))
    assert {"our-quarterly-reports", "quarterly-reports"} <= menus
    login(client, people["gm"])
    menus = admin_menu_names(client.get("/admin/"))
    assert "quarterly-reports" in menus and "our-quarterly-reports" not in menus
    login(client, advocate)
    menus = admin_menu_names(client.get("/admin/"))
    assert not ({"our-quarterly-reports", "quarterly-reports"} & menus)
