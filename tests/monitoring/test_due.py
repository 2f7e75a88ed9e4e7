"""The "Due and overdue" view: monitoring's deadlines (and every app's due.py listed in
DUE_SOURCES), filtered by overdue / due soon / all and by organization; counts on the home page."""

import datetime as dt

import pytest
from django.urls import reverse

from monitoring import due as monitoring_due
from monitoring import due_list, operations
from tests.helpers import at, login, moment
from voca.due import DueItem

from .conftest import notes, scores

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 3, 10)


@pytest.fixture
def deadlines(people, agency, other_agency, make_subaward):
    make_subaward(issue=False)  # agency A: a subaward and no risk assessment
    with at(moment(2027, 3, 10)):
        operations.assess_risk(
            people["gm"],
            organization_id=other_agency.pk,
            assessed_on=dt.date(2026, 3, 1),  # a year ago: the yearly one is overdue
            scores=scores(),
            notes=notes(),
        )
        operations.plan_site_visit(
            people["gm"], organization_id=other_agency.pk, planned_on=dt.date(2027, 3, 20)
        )
        operations.plan_site_visit(
            people["gm"], organization_id=agency.pk, planned_on=dt.date(2027, 6, 1)
        )


def rows(page: str) -> str:
    return page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_the_view_lists_each_deadline_with_its_status_and_filters(
    client, people, agency, other_agency, deadlines
):
    login(client, people["gm"])
    url = reverse("monitoring_due")
    with at(moment(2027, 3, 10)):
        soon = rows(client.get(url).content.decode())
        everything = rows(client.get(url, {"show": "all"}).content.decode())
        overdue = rows(client.get(url, {"show": "overdue"}).content.decode())
        only_b = rows(
            client.get(url, {"show": "all", "organization": other_agency.pk}).content.decode()
        )
    assert "Risk assessment (yearly)" in overdue and "overdue (9 days)" in overdue
    assert "Risk assessment (before the subaward)" in overdue
    assert "Site visit planned" not in overdue
    assert "Site visit planned" in soon and "20 Mar 2027" in soon and "1 Jun 2027" not in soon
    assert "1 Jun 2027" in everything
    assert "Safe Harbor" not in only_b and "1 Jun 2027" not in only_b
    assert "20 Mar 2027" in only_b


def test_every_source_is_listed(deadlines):
    found = due_list.all_due(TODAY)
    assert {i.kind for i in found} >= {"Risk assessment (yearly)", "Site visit planned"}
    # Each app's own list is in the whole, nothing dropped or added.
    parts = [item for source in due_list.DUE_SOURCES for item in source.due_items(TODAY)]
    assert sorted(map(repr, found)) == sorted(map(repr, parts))
    assert {s.__name__ for s in due_list.DUE_SOURCES} == {
        "subawards.due",
        "performance.due",
        "monitoring.due",
    }
    # The list is soonest first: the most overdue at the top.
    dated = [i.due_on for i in found if i.due_on]
    assert dated == sorted(dated)


def test_counts_on_the_home_page(client, monkeypatch, people, deadlines):
    monkeypatch.setattr(due_list, "DUE_SOURCES", (monitoring_due,))
    login(client, people["gm"])
    with at(moment(2027, 3, 10)):
        page = client.get(reverse("wagtailadmin_home")).content.decode()
    # Overdue: A's assessment before its subaward, B's yearly assessment (1 Mar 2026 + 365 days)
    # and B's low-risk yearly desk review (the same day); due soon: B's visit on 20 Mar.
    assert "3 overdue · 1 due within two weeks" in page
    assert reverse("monitoring_due") in page


def test_status_of_an_item():
    item = DueItem("Corrective action", "X", dt.date(2027, 3, 24))
    assert item.status(TODAY) == "due soon" and item.status(dt.date(2027, 3, 25)) == "overdue"


def test_the_home_page_counts_are_at_most_a_minute_old(client, monkeypatch, people, deadlines):
    from django.core.cache import cache

    monkeypatch.setattr(due_list, "DUE_SOURCES", (monitoring_due,))
    login(client, people["gm"])
    home = reverse("wagtailadmin_home")
    with at(moment(2027, 3, 10)):
        assert "3 overdue" in client.get(home).content.decode()
        monkeypatch.setattr(due_list, "DUE_SOURCES", ())  # every deadline met, say
        # The list itself is live; the home page's counts were made at most a minute ago.
        assert "overdue (9 days)" not in client.get(reverse("monitoring_due")).content.decode()
        assert "3 overdue" in client.get(home).content.decode()
        cache.clear()  # a minute later
        assert "3 overdue" not in client.get(home).content.decode()
