"""Obligations: a subaward's money on a Subawards line, changed and paid through the one ledger."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grants import operations
from grants.models import Draw, DrawStatus, Obligation
from grants.permissions import can_obligate, can_pay_obligation
from tests.factories import make_award, make_draw, make_line, make_revision, make_user
from tests.helpers import at, moment
from voca.roles import FINANCE, GRANTS_MANAGER

pytestmark = pytest.mark.django_db


@pytest.fixture
def approver(roles):
    return make_user("gwen", GRANTS_MANAGER)


@pytest.fixture
def subawards(manager, award):
    return make_line(
        manager,
        award,
        "50000.00",
        category="subawards",
        program="Subawards",
        description="Local victim service agencies",
    )


def obligate(manager, line, amount="20000.00", reference="SUB-2026-001"):
    return operations.obligate(
        manager, line=line, amount=amount, reference=reference, reason="Subaward signed"
    )


def pay(finance, approver, obligation, amount="1000.00", **fields):
    fields.setdefault("paid_on", dt.date(2026, 12, 7))
    fields.setdefault("payment_reference", "EFT 4411")
    fields.setdefault("reason", "Claim for November approved")
    return operations.pay_obligation(
        finance, obligation, amount=amount, approved_by=approver, **fields
    )


def test_an_obligation_commits_its_money_on_the_line_and_records_who_and_why(manager, subawards):
    obligation = obligate(manager, subawards, "20000.00")
    balance = subawards.balance()
    assert (balance.committed, balance.paid, balance.remaining) == (
        D("20000.00"),
        D("0.00"),
        D("30000.00"),
    )
    assert balance.obligated == D("20000.00")
    version = obligation.history.get()
    assert (version.history_user, version.history_change_reason) == (manager, "Subaward signed")
    assert str(obligation) == "Obligation SUB-2026-001: $20,000.00"


def test_obligate_refuses_what_the_line_cannot_hold_and_says_what_is_left(manager, subawards):
    obligate(manager, subawards, "45000.00")
    with pytest.raises(ValidationError) as refused:
        obligate(manager, subawards, "5000.01", reference="SUB-2026-002")
    assert refused.value.message_dict["amount"] == [
        "Only $5,000.00 is left on the budget line Subawards (Subgrants) \N{EN DASH} Subawards "
        "(Local victim service agencies); this obligation is $5,000.01."
    ]
    assert Obligation.objects.count() == 1


@pytest.mark.parametrize("amount", ["0", "-5.00", "12.345", "lots"])
def test_obligate_refuses_amounts_that_are_not_positive_cents(manager, subawards, amount):
    with pytest.raises(ValidationError) as refused:
        obligate(manager, subawards, amount)
    assert "amount" in refused.value.message_dict
    assert not Obligation.objects.exists()


def test_obligate_refuses_a_line_that_is_not_subawards(manager, line):
    with pytest.raises(ValidationError) as refused:
        obligate(manager, line)
    assert refused.value.message_dict["line"] == [
        "Subawards are obligated on a Subawards (Subgrants) line of the award."
    ]


def test_obligate_refuses_a_closed_award_and_a_period_that_ended(manager, subawards, award):
    with at(moment(2027, 10, 2)), pytest.raises(ValidationError) as refused:
        obligate(manager, subawards)
    assert "period of performance of award 15POVC-TEST-0001 ended" in str(refused.value)
    award.closed_at = moment(2026, 12, 1)
    award.save()
    with pytest.raises(ValidationError) as refused:
        obligate(manager, subawards)
    assert "closed out" in str(refused.value)
    assert not Obligation.objects.exists()


def test_only_the_grants_manager_obligates_and_only_finance_pays(
    manager, finance, approver, subawards
):
    assert can_obligate(manager) and not can_obligate(finance)
    with pytest.raises(PermissionDenied):
        obligate(finance, subawards)
    obligation = obligate(manager, subawards)
    with pytest.raises(PermissionDenied):
        pay(manager, approver, obligation)
    assert can_pay_obligation(finance, obligation, approved_by=approver)
    assert not Draw.objects.exists()


def test_the_payer_is_never_the_approver(manager, subawards, roles):
    obligation = obligate(manager, subawards)
    clerk = make_user("fiona", FINANCE)
    decision = can_pay_obligation(clerk, obligation, approved_by=clerk)
    assert decision.reason == "You approved this payment, so someone else must record it."
    with pytest.raises(ValidationError, match="someone else must record it"):
        pay(clerk, clerk, obligation)
    assert not Draw.objects.exists()


def test_a_payment_is_a_paid_draw_on_the_line_that_points_to_the_obligation(
    manager, finance, approver, subawards
):
    obligation = obligate(manager, subawards, "20000.00")
    draw = pay(finance, approver, obligation, "1234.56")
    assert draw.status == DrawStatus.PAID and draw.obligation == obligation
    assert (draw.line, draw.paid_on, draw.payment_reference) == (
        subawards,
        dt.date(2026, 12, 7),
        "EFT 4411",
    )
    assert (draw.approved_by, draw.paid_by) == (approver, finance)
    version = draw.history.get()
    assert version.history_user == finance
    assert version.history_change_reason == (
        "Paid against obligation SUB-2026-001, approved by gwen: Claim for November approved"
    )
    balance = subawards.balance()
    # The obligation counts once: its paid part is paid, only the rest is committed.
    assert (balance.paid, balance.committed, balance.remaining) == (
        D("1234.56"),
        D("18765.44"),
        D("30000.00"),
    )
    assert obligation.unpaid() == D("18765.44")


def test_payments_never_exceed_the_obligation(manager, finance, approver, subawards):
    obligation = obligate(manager, subawards, "2000.00")
    pay(finance, approver, obligation, "1500.00")
    with pytest.raises(ValidationError) as refused:
        pay(finance, approver, obligation, "500.01")
    assert refused.value.message_dict["amount"] == [
        "Only $500.00 of obligation SUB-2026-001 is unpaid ($2,000.00 obligated); this payment "
        "is $500.01."
    ]
    pay(finance, approver, obligation, "500.00")
    assert obligation.unpaid() == 0
    assert not can_pay_obligation(finance, obligation, approved_by=approver)


def test_payments_refuse_a_future_date_a_date_before_the_obligation_and_after_liquidation(
    manager, finance, approver, subawards
):
    obligation = obligate(manager, subawards)
    with pytest.raises(ValidationError) as refused:
        pay(finance, approver, obligation, paid_on=dt.date(2026, 12, 8))
    assert "paid_on" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        pay(finance, approver, obligation, paid_on=dt.date(2026, 12, 6))
    assert refused.value.message_dict["paid_on"] == [
        "The payment date cannot be before obligation SUB-2026-001 was made (7 Dec 2026)."
    ]
    with at(moment(2028, 2, 1)), pytest.raises(ValidationError) as refused:
        pay(finance, approver, obligation, paid_on=dt.date(2028, 2, 1))
    assert "liquidation period of award 15POVC-TEST-0001 ended" in str(refused.value)
    assert not Draw.objects.exists()


def test_a_payment_during_liquidation_is_placed_on_the_awards_last_day(
    manager, finance, approver, subawards
):
    obligation = obligate(manager, subawards)
    with at(moment(2027, 11, 15)):
        draw = pay(finance, approver, obligation, paid_on=dt.date(2027, 11, 10))
    assert (draw.incurred_on, draw.month) == (dt.date(2027, 9, 30), dt.date(2027, 9, 1))


def test_change_raises_within_the_line_and_lowers_never_below_what_was_paid(
    manager, finance, approver, subawards
):
    obligation = obligate(manager, subawards, "20000.00")
    pay(finance, approver, obligation, "7500.00")
    with pytest.raises(ValidationError) as refused:
        operations.change_obligation(manager, obligation, amount="50000.01", reason="Amendment")
    assert "Only $30,000.00 is left on the budget line" in str(refused.value)
    assert "raising it to $50,000.01 needs $30,000.01 more." in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        operations.change_obligation(manager, obligation, amount="7499.99", reason="Cut")
    assert refused.value.message_dict["amount"] == [
        "$7,500.00 has already been paid against obligation SUB-2026-001: it cannot be lowered "
        "below that (you asked for $7,499.99)."
    ]
    changed = operations.change_obligation(
        manager, obligation, amount="7500.00", reason="State award cut by 40%"
    )
    assert (changed.amount, changed.version) == (D("7500.00"), 2)
    assert subawards.balance().committed == 0
    assert subawards.balance().remaining == D("42500.00")
    reasons = list(
        obligation.history.order_by("history_id").values_list("amount", "history_change_reason")
    )
    assert reasons == [
        (D("20000.00"), "Subaward signed"),
        (D("7500.00"), "State award cut by 40%"),
    ]


def test_a_stale_change_is_refused(manager, subawards):
    obligation = obligate(manager, subawards, "20000.00")
    operations.change_obligation(
        manager, obligation, amount="25000.00", reason="Amendment 1", expected_version=1
    )
    with pytest.raises(ValidationError, match="after you opened it"):
        operations.change_obligation(
            manager, obligation, amount="15000.00", reason="Amendment 2", expected_version=1
        )
    obligation.refresh_from_db()
    assert obligation.amount == D("25000.00")


def test_reversing_a_payment_returns_it_to_the_obligation(manager, finance, approver, subawards):
    obligation = obligate(manager, subawards, "20000.00")
    draw = pay(finance, approver, obligation, "3000.00")
    reversal = operations.reverse_draw(actor=finance, draw_id=draw.pk, reason="Paid twice")
    assert reversal.obligation == obligation
    assert obligation.unpaid() == D("20000.00")
    balance = subawards.balance()
    assert (balance.paid, balance.committed, balance.remaining) == (
        D("0.00"),
        D("20000.00"),
        D("30000.00"),
    )


def test_ordinary_draws_are_refused_on_a_subawards_line(manager, finance, subawards, line):
    with pytest.raises(ValidationError) as refused:
        make_draw(finance, subawards, "10.00")
    assert "paid only against a subaward's obligation" in str(refused.value)
    choices = {c.line for c in type(line).objects.choices_for_draws(dt.date(2026, 3, 15))}
    assert line in choices and subawards not in choices


def test_obligations_are_never_deleted(manager, subawards):
    obligation = obligate(manager, subawards)
    with pytest.raises(ValidationError):
        obligation.delete()
    with pytest.raises(ValidationError):
        Obligation.objects.all().delete()
    assert Obligation.objects.count() == 1


def test_an_obligation_on_another_awards_line_counts_only_there(manager, subawards):
    other_award = make_award(manager, number="15POVC-TEST-0002")
    other = make_line(manager, other_award, "9000.00", category="subawards")
    obligate(manager, other, "9000.00", reference="SUB-2026-009")
    assert subawards.balance().remaining == D("50000.00")
    assert other.balance().remaining == 0


def test_a_budget_revision_never_moves_obligated_money_off_the_line(
    manager, finance, subawards, line
):
    obligate(manager, subawards, "45000.00")
    with pytest.raises(ValidationError) as refused:
        make_revision(finance, subawards, line, "5000.01", approver=manager)
    assert "$5,000.00" in str(refused.value)
    make_revision(finance, subawards, line, "5000.00", approver=manager)
    subawards.refresh_from_db()
    assert (subawards.amount, subawards.balance().remaining) == (D("45000.00"), D("0.00"))
