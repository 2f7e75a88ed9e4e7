import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from grants import operations
from grants.models import BudgetLine, BudgetRevision, Draw, DrawStatus, MatchContribution
from tests.factories import make_award, make_draw, make_line, make_paid_draw

pytestmark = pytest.mark.django_db


def messages(excinfo) -> str:
    return " ".join(excinfo.value.messages)


def test_a_draw_goes_from_draft_to_paid_with_who_and_why_in_its_history(finance, manager, line):
    draw = make_draw(finance, line, "250.00")
    operations.submit_draw(actor=finance, draw_id=draw.pk, reason="March printing")
    operations.approve_draw(actor=manager, draw_id=draw.pk, reason="Invoice checked")
    operations.pay_draw(actor=finance, draw_id=draw.pk, reason="Check 1042")
    history = list(Draw.objects.get(pk=draw.pk).history.order_by("history_id"))
    assert [h.status for h in history] == ["draft", "submitted", "approved", "paid"]
    assert [h.history_user for h in history] == [finance, finance, manager, finance]
    assert [h.history_change_reason for h in history][1:] == [
        "March printing",
        "Invoice checked",
        "Check 1042",
    ]
    line.refresh_from_db()
    assert line.paid() == Decimal("250.00") and line.remaining() == Decimal("750.00")


@pytest.mark.parametrize(
    "amount,message",
    [
        ("0", "more than $0.00"),
        ("-5.00", "more than $0.00"),
        ("ten dollars", "Enter an amount in dollars"),
        ("12.345", "at most two decimals"),
        ("NaN", "Enter an amount in dollars"),
        ("1e40", "Enter an amount in dollars"),
        ("1000000000000", "Enter an amount of at most $999,999,999,999.99."),
    ],
)
def test_bad_amounts_are_refused_with_a_clear_message(finance, line, amount, message):
    with pytest.raises(ValidationError) as excinfo:
        make_draw(finance, line, amount)
    assert message in messages(excinfo)
    assert not Draw.objects.exists()


def test_a_draw_above_what_remains_is_refused(finance, manager, line):
    make_paid_draw(finance, manager, line, "900.00")
    with pytest.raises(ValidationError) as excinfo:
        make_draw(finance, line, "100.01", submit=True)
    assert f"Only $100.00 is left on the budget line {line.short_label} (" in messages(excinfo)
    assert "this draw is $100.01." in messages(excinfo)
    assert Draw.objects.count() == 1


def test_submitting_rechecks_what_remains(finance, line):
    first = make_draw(finance, line, "600.00")
    second = make_draw(finance, line, "600.00")
    operations.submit_draw(actor=finance, draw_id=first.pk)
    with pytest.raises(ValidationError, match=r"Only \$400.00 is left on the budget line"):
        operations.submit_draw(actor=finance, draw_id=second.pk)
    assert Draw.objects.get(pk=second.pk).status == DrawStatus.DRAFT


def test_dates_outside_the_period_of_performance_are_refused(finance, line):
    with pytest.raises(ValidationError) as excinfo:
        make_draw(finance, line, incurred_on=dt.date(2025, 9, 30))
    assert "inside the period of performance (1 Oct 2025 to 30 Sep 2027)" in messages(excinfo)
    assert not Draw.objects.exists()


def test_whoever_submitted_a_draw_may_not_approve_it(finance, manager, line):
    # Even someone holding both permissions is refused on their own draw.
    manager.groups.add(*finance.groups.all())
    manager = type(manager).objects.get(pk=manager.pk)
    draw = make_draw(manager, line, submit=True)
    with pytest.raises(ValidationError, match="someone else must approve it"):
        operations.approve_draw(actor=manager, draw_id=draw.pk)
    assert Draw.objects.get(pk=draw.pk).status == DrawStatus.SUBMITTED


def test_the_database_itself_refuses_a_self_approved_draw(finance, manager, line):
    draw = make_draw(finance, line, submit=True)
    draw.status, draw.approved_by = DrawStatus.APPROVED, finance
    with pytest.raises(IntegrityError), transaction.atomic():
        draw.save()


def test_finance_cannot_approve_and_the_manager_cannot_record_draws(finance, manager, line):
    with pytest.raises(PermissionDenied):
        make_draw(manager, line)
    draw = make_draw(finance, line, submit=True)
    with pytest.raises(PermissionDenied):
        operations.approve_draw(actor=finance, draw_id=draw.pk)


def test_a_paid_draw_is_never_edited_and_is_corrected_by_a_reversal(finance, manager, line):
    draw = make_paid_draw(finance, manager, line, "300.00")
    with pytest.raises(ValidationError, match="A paid draw is never edited"):
        operations.edit_draft_draw(actor=finance, draw_id=draw.pk, amount="30.00", reason="typo")
    with pytest.raises(ValidationError, match="Give a reason"):
        operations.reverse_draw(actor=finance, draw_id=draw.pk, reason=" ")
    reversal = operations.reverse_draw(actor=finance, draw_id=draw.pk, reason="Duplicate invoice")
    assert reversal.amount == Decimal("-300.00") and reversal.reverses == draw
    assert Draw.objects.get(pk=draw.pk).amount == Decimal("300.00")
    line.refresh_from_db()
    assert line.paid() == 0 and line.remaining() == Decimal("1000.00")
    with pytest.raises(ValidationError, match="already been reversed"):
        operations.reverse_draw(actor=finance, draw_id=draw.pk, reason="again")
    with pytest.raises(ValidationError, match="cannot itself be reversed"):
        operations.reverse_draw(actor=finance, draw_id=reversal.pk, reason="again")


def test_only_paid_draws_are_reversed_and_paid_draws_are_not_rejected(finance, manager, line):
    draw = make_draw(finance, line, submit=True)
    with pytest.raises(ValidationError, match="Only paid draws are reversed"):
        operations.reverse_draw(actor=finance, draw_id=draw.pk, reason="oops")
    paid = make_paid_draw(finance, manager, line)
    with pytest.raises(ValidationError, match="A paid draw is never changed"):
        operations.reject_draw(actor=manager, draw_id=paid.pk, reason="late")


def test_a_rejection_needs_a_reason_and_frees_the_line(finance, manager, line):
    draw = make_draw(finance, line, "1000.00", submit=True)
    with pytest.raises(ValidationError, match="Give a reason"):
        operations.reject_draw(actor=manager, draw_id=draw.pk, reason="")
    operations.reject_draw(actor=manager, draw_id=draw.pk, reason="Not an allowable cost")
    draw.refresh_from_db()
    assert draw.status == DrawStatus.REJECTED and draw.reason == "Not an allowable cost"
    assert line.remaining() == Decimal("1000.00")


def test_nothing_is_deleted_or_bulk_updated(finance, line):
    draw = make_draw(finance, line)
    with pytest.raises(ValidationError, match="never deleted"):
        draw.delete()
    with pytest.raises(ValidationError, match="never deleted"):
        Draw.objects.all().delete()
    with pytest.raises(ValidationError, match="one at a time"):
        Draw.objects.update(amount=1)
    assert Draw.objects.get().amount == Decimal("100.00")


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("match_rate", Decimal("1"), "from 0 to less than 1"),
        ("match_rate", "-0.1", "from 0 to less than 1"),
        ("match_rate", "a fifth", "from 0 to less than 1"),
        ("match_waiver_percent", Decimal("150"), "percentage from 0 to 100"),
        ("indirect_cost_rate", "-3", "percentage from 0 to 100"),
        ("indirect_cost_rate", "NaN", "percentage from 0 to 100"),
        # Would be stored rounded to 1.0000: more places than the column keeps are refused.
        ("match_rate", "0.99995", "at most 4 decimal places"),
        ("match_waiver_percent", "12.345", "at most 2 decimal places"),
    ],
)
def test_an_award_with_rates_out_of_range_is_refused_with_a_clear_message(
    manager, field, value, message
):
    from grants.models import Award

    with pytest.raises(ValidationError) as excinfo:
        make_award(manager, **{field: value})
    assert message in " ".join(excinfo.value.message_dict[field])
    assert not Award.objects.exists()


def test_budget_lines_never_add_up_to_more_than_the_award(manager):
    award = make_award(manager, total="5000.00")
    make_line(manager, award, "4000.00")
    with pytest.raises(ValidationError) as excinfo:
        make_line(manager, award, "1000.01")
    assert "only $1,000.00 of the award is not yet budgeted" in messages(excinfo)
    assert BudgetLine.objects.count() == 1


def test_an_approved_revision_moves_money_and_records_why(finance, manager, award, line):
    other = make_line(manager, award, "500.00", category="travel", description="Mileage")
    revision = operations.request_revision(
        actor=finance,
        award_id=award.pk,
        from_line_id=line.pk,
        to_line_id=other.pk,
        amount="200.00",
        reason="More service days need more mileage",
    )
    line.refresh_from_db()
    assert line.amount == Decimal("1000.00"), "a request alone moves nothing"
    operations.approve_revision(actor=manager, revision_id=revision.pk, reason="Agreed")
    line.refresh_from_db()
    other.refresh_from_db()
    assert (line.amount, other.amount) == (Decimal("800.00"), Decimal("700.00"))
    latest = line.history.latest()
    assert latest.history_user == manager
    assert latest.history_change_reason == f"Budget revision #{revision.pk}: Agreed"


def test_a_revision_never_pushes_a_line_below_its_spending(finance, manager, award, line):
    other = make_line(manager, award, "0.00", category="supplies", description="Supplies")
    make_paid_draw(finance, manager, line, "700.00")
    make_draw(finance, line, "100.00", submit=True)
    with pytest.raises(ValidationError) as excinfo:
        operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=line.pk,
            to_line_id=other.pk,
            amount="200.01",
            reason="x",
        )
    assert "below what is already spent or committed on it ($800.00)" in messages(excinfo)
    # A request made while there was room is re-checked when it is approved.
    revision = operations.request_revision(
        actor=finance,
        award_id=award.pk,
        from_line_id=line.pk,
        to_line_id=other.pk,
        amount="200.00",
        reason="x",
    )
    make_draw(finance, line, "50.00", submit=True)
    with pytest.raises(ValidationError, match="below what is already spent"):
        operations.approve_revision(actor=manager, revision_id=revision.pk)
    assert BudgetRevision.objects.get().status == "requested"
    line.refresh_from_db()
    assert line.amount == Decimal("1000.00")


def test_the_requester_of_a_revision_may_not_approve_it(manager, award, line):
    other = make_line(manager, award, "0.00", category="supplies", description="Supplies")
    revision = operations.request_revision(
        actor=manager,
        award_id=award.pk,
        from_line_id=line.pk,
        to_line_id=other.pk,
        amount="1.00",
        reason="x",
    )
    with pytest.raises(ValidationError, match="may not decide it"):
        operations.approve_revision(actor=manager, revision_id=revision.pk)


def test_volunteer_match_is_valued_as_hours_times_rate(finance, award):
    contribution = operations.record_match(
        actor=finance,
        award_id=award.pk,
        contributed_on=dt.date(2026, 4, 2),
        kind="volunteer",
        hours="12.5",
        hourly_rate="31.80",
        description="Volunteer advocates at the April service day",
    )
    assert contribution.value == Decimal("397.50")
    with pytest.raises(ValidationError, match="hours and the rate"):
        operations.record_match(
            actor=finance,
            award_id=award.pk,
            contributed_on=dt.date(2026, 4, 2),
            kind="volunteer",
            description="x",
        )
    assert MatchContribution.objects.count() == 1


def test_required_match_is_a_fifth_of_total_project_cost(manager):
    award = make_award(manager, total="2000000.00")
    assert award.required_match == Decimal("500000.00")
    waived = make_award(manager, number="W-1", total="2000000.00", match_waiver_percent=50)
    assert waived.required_match == Decimal("250000.00")


def test_a_cost_incurred_after_today_is_refused_on_its_field_and_nothing_is_recorded(finance, line):
    from tests.helpers import at, moment

    with at(moment(2026, 12, 1)), pytest.raises(ValidationError) as excinfo:
        make_draw(finance, line, "250.00", incurred_on=dt.date(2026, 12, 2), submit=True)
    assert excinfo.value.message_dict["incurred_on"] == [
        "The date the cost was incurred cannot be in the future (today is 1 Dec 2026)."
    ]
    assert not Draw.objects.exists()


def test_a_cost_incurred_today_in_st_louis_is_accepted_late_in_the_evening(finance, line):
    from django.utils import timezone

    from tests.helpers import at

    # 23:30 in St. Louis on 1 Dec is already 2 Dec in UTC: the local date decides.
    late = timezone.make_aware(dt.datetime(2026, 12, 2, 5, 30), dt.UTC)
    with at(late):
        draw = make_draw(finance, line, "250.00", incurred_on=dt.date(2026, 12, 1))
    assert draw.incurred_on == dt.date(2026, 12, 1)


def test_match_dated_after_today_is_refused_on_its_field(finance, award):
    from tests.factories import make_match
    from tests.helpers import at, moment

    with at(moment(2026, 12, 1)), pytest.raises(ValidationError) as excinfo:
        make_match(finance, award, contributed_on=dt.date(2027, 8, 1))
    assert "cannot be in the future" in excinfo.value.message_dict["contributed_on"][0]
    assert not MatchContribution.objects.exists()
