"""Contacts carry their funding award: the program award for the contact's date, kept in history,
and the PMT says which awards funded the contacts it counts."""

import datetime as dt
import io

import pytest

from grants.exports.operations import generate
from grants.models import ContactFunding
from grants.reports.period import Period
from services import operations as services
from tests.factories import make_award, make_contact, make_user
from tests.support.reports_data import row, sheet
from voca.roles import ADVOCATE, SUPERVISOR

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(roles):
    return make_user("ada", ADVOCATE), make_user("sam", SUPERVISOR)


@pytest.fixture
def awards(manager):
    """FY2023's award ends 30 Sep 2026; FY2025's runs 1 Oct 2024 - 30 Sep 2028."""
    older = make_award(
        manager,
        number="15POVC-23-GG-1",
        period_start=dt.date(2022, 10, 1),
        period_end=dt.date(2026, 9, 30),
    )
    newer = make_award(
        manager,
        number="15POVC-25-GG-2",
        period_start=dt.date(2024, 10, 1),
        period_end=dt.date(2028, 9, 30),
    )
    return older, newer


def funding(contact):
    return ContactFunding.objects.get(contact=contact).award


def test_a_contact_is_funded_by_the_open_award_that_lapses_first_on_its_date(people, awards):
    ada, _ = people
    older, newer = awards
    assert funding(make_contact(ada, date=dt.date(2026, 9, 30))) == older
    assert funding(make_contact(ada, date=dt.date(2026, 10, 1))) == newer
    assert funding(make_contact(ada, date=dt.date(2024, 9, 1))) == older
    # Other funding is no VOCA award's.
    assert funding(make_contact(ada, date=dt.date(2026, 9, 1), funding_source="other")) is None


def test_the_funding_award_follows_a_changed_date_and_history_keeps_both(people, awards):
    ada, _ = people
    older, newer = awards
    contact = make_contact(ada, date=dt.date(2026, 9, 30))
    services.update_contact(
        contact.pk, actor=ada, version=contact.version, date=dt.date(2026, 10, 1), reason="typo"
    )
    link = ContactFunding.objects.get(contact=contact)
    assert link.award == newer
    versions = list(link.history.order_by("history_id").values_list("award_id", "history_user"))
    assert versions == [(older.pk, ada.pk), (newer.pk, ada.pk)]
    # The history holds the two keys only: nothing about the person served.
    fields = {f.name for f in ContactFunding.history.model._meta.fields}
    assert fields - {"id", "contact", "award"} <= {
        "history_id",
        "history_date",
        "history_change_reason",
        "history_type",
        "history_user",
    }


def test_pmt_lists_the_awards_that_funded_the_quarters_contacts(people, awards):
    ada, sam = people
    for day in (dt.date(2026, 7, 10), dt.date(2026, 9, 30), dt.date(2026, 8, 1)):
        make_contact(ada, date=day)  # Q4 FY2026: within both awards; the older lapses first
    make_contact(ada, date=dt.date(2026, 8, 2), funding_source="other")
    voided = make_contact(ada, date=dt.date(2026, 8, 3))
    services.void_contact(voided.pk, actor=sam, reason="duplicate")
    q1 = Period.from_quarter("FY2027Q1")
    make_contact(ada, date=dt.date(2026, 10, 2))  # FY2027Q1: only the newer award is open

    q4 = generate("pmt", "xlsx", actor=sam, period=Period.from_quarter("FY2026Q4")).content
    rows = sheet(q4, "Funding awards")
    assert row(rows, "15POVC-23-GG-1")[1] == 3
    assert row(rows, "All contacts")[1] == 4
    assert any(r[0] and r[0].startswith("No VOCA award") and r[1] == 1 for r in rows)
    assert not any(r[0] == "15POVC-25-GG-2" for r in rows)
    checks = sheet(q4, "Checks")
    assert row(checks, "Contacts by funding award sum to the contacts of the period")[3] == "PASS"

    later = sheet(generate("pmt", "xlsx", actor=sam, period=q1).content, "Funding awards")
    assert row(later, "15POVC-25-GG-2")[1] == 1


def test_contacts_logged_before_any_award_are_linked_by_the_command(people, manager):
    from django.core.management import call_command

    ada, _ = people
    early = make_contact(ada, date=dt.date(2026, 9, 30))  # no award recorded yet
    assert funding(early) is None
    make_award(
        manager,
        number="15POVC-23-GG-7",
        period_start=dt.date(2022, 10, 1),
        period_end=dt.date(2026, 9, 30),
    )
    out = io.StringIO()
    call_command("assign_contact_funding", stdout=out)
    assert out.getvalue() == "15POVC-23-GG-7: 1 contact(s)\n"
    assert funding(early).federal_award_number == "15POVC-23-GG-7"
    assert ContactFunding.objects.get(contact=early).history.count() == 2
    out = io.StringIO()
    call_command("assign_contact_funding", stdout=out)
    assert out.getvalue() == "Every contact already carries its funding award.\n"


def test_an_edit_keeps_the_recorded_award_while_it_still_fits(people, awards, manager):
    ada, _ = people
    older, _newer = awards
    contact = make_contact(ada, date=dt.date(2026, 9, 1))
    make_award(  # recorded later, and lapsing even earlier: the contact is not moved to it
        manager,
        number="15POVC-22-GG-3",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2026, 9, 15),
    )
    services.update_contact(
        contact.pk, actor=ada, version=contact.version, minutes=40, reason="longer"
    )
    assert funding(contact) == older
    assert ContactFunding.objects.get(contact=contact).history.count() == 1
