import datetime as dt
from decimal import Decimal

import pytest

from grants import operations
from grants.ledger import balances_as_of, current_balances, outlook
from tests.factories import make_award, make_draw, make_line, make_paid_draw, make_revision
from tests.helpers import at, moment

pytestmark = pytest.mark.django_db


def test_balances_as_of_a_past_moment_ignore_everything_after_it(finance, manager):
    with at(moment(2025, 10, 2)):
        award = make_award(manager, total="10000.00")
        line = make_line(manager, award, "4000.00")
        other = make_line(manager, award, "1000.00", category="travel", description="Mileage")
    with at(moment(2026, 1, 10)):
        draw = make_draw(finance, line, "1500.00", submit=True, incurred_on=dt.date(2026, 1, 5))
    with at(moment(2026, 1, 12)):
        operations.approve_draw(actor=manager, draw_id=draw.pk)
        operations.pay_draw(actor=finance, draw_id=draw.pk)
        pending = make_draw(finance, line, "500.00", submit=True, incurred_on=dt.date(2026, 1, 9))
    # Later: a reversal, a rejection, a budget revision, more spending.
    with at(moment(2026, 3, 1)):
        operations.reverse_draw(actor=finance, draw_id=draw.pk, reason="Wrong line")
        operations.reject_draw(actor=manager, draw_id=pending.pk, reason="No receipt")
        make_revision(finance, line, other, "1000.00", approver=manager, reason="Travel")
        make_draw(finance, other, "1800.00", submit=True, incurred_on=dt.date(2026, 2, 20))

    before = balances_as_of(award.pk, moment(2026, 1, 31, 23))
    assert before.paid == Decimal("1500.00")
    assert before.committed == Decimal("500.00")
    assert [li.amount for li in before.lines] == [Decimal("4000.00"), Decimal("1000.00")]
    assert before.remaining == Decimal("8000.00")

    after = balances_as_of(award.pk, moment(2026, 3, 2))
    assert after.lines == current_balances(award).lines
    assert after.paid == 0 and after.committed == Decimal("1800.00")
    assert [li.amount for li in after.lines] == [Decimal("3000.00"), Decimal("2000.00")]

    assert balances_as_of(award.pk, moment(2025, 9, 1)) is None


def test_outlook_projects_a_lapse_when_spending_is_slow(finance, manager):
    award = make_award(manager, total="100000.00")
    line = make_line(manager, award, "100000.00")
    make_paid_draw(finance, manager, line, "10000.00")
    view = outlook(award, today=dt.date(2026, 9, 30))  # half the two-year period
    assert view.elapsed_percent == Decimal("50.0")
    assert view.spent_percent == Decimal("10.0")
    assert view.run_out_date is None
    assert view.projected_lapse == Decimal("80000.00")
    assert any("Spending is slow" in w for w in view.warnings)


def test_outlook_projects_the_run_out_date_and_warns_on_a_nearly_used_line(finance, manager):
    award = make_award(manager, total="100000.00")
    line = make_line(manager, award, "100000.00")
    make_paid_draw(finance, manager, line, "95000.00")
    view = outlook(award, today=dt.date(2026, 9, 30))
    assert view.projected_lapse == 0
    assert view.run_out_date == dt.date(2026, 10, 20)  # day 385: 100,000 / (95,000 / 365 days)
    assert view.warnings == [
        "Personnel - Program representatives: 95.0% of the line is spent or committed."
    ]
