"""Draws: recorded, edited while draft, then each step of grants.workflows.DRAWS."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from voca.formats import day
from voca.operations import field_text

from .. import permissions
from ..models import Award, BudgetLine, CostCategory, Draw
from ..workflows import DRAWS
from .base import (
    _lock_award,
    _lock_lines,
    _usd,
    check_room,
    money,
    not_future,
    now,
    reason_text,
    save,
    today,
)
from .steps import take_step


def _lock_draw(draw_id, other_line_id=None) -> tuple[Award, dict[int, BudgetLine], Draw]:
    """Lock in the fixed order award -> lines -> draw, reading the draw's keys first unlocked."""
    try:
        keys = Draw.objects.values("award_id", "line_id").get(pk=draw_id)
    except Draw.DoesNotExist:
        raise ValidationError("That draw does not exist.") from None
    award = _lock_award(keys["award_id"], shared=True)
    lines = _lock_lines(award, keys["line_id"], other_line_id)
    draw = Draw.objects.select_for_update().get(pk=draw_id)
    if draw.line_id != keys["line_id"]:  # moved to another line before we got the locks
        raise ValidationError("This draw changed meanwhile; please try again.")
    return award, lines, draw


def _check_fits(line: BudgetLine, amount: Decimal) -> None:
    check_room(line, amount, f"this draw is {_usd(amount)}")


def check_award_window(award: Award, step: str) -> None:
    """No new draws after the period of performance; none approved or paid after liquidation."""
    on = today()
    if step == "request" and on > award.period_end:
        raise ValidationError(
            f"The period of performance of award {award.federal_award_number} ended on "
            f"{day(award.period_end)}: no new draws. Draws already recorded for costs "
            f"incurred within the period may be approved and paid until "
            f"{day(award.liquidation_end)} (2 CFR 200.344)."
        )
    if step in ("approve", "pay") and on > award.liquidation_end:
        raise ValidationError(
            f"The liquidation period of award {award.federal_award_number} ended on "
            f"{day(award.liquidation_end)} (120 days after its period of performance): "
            "draws on it can no longer be approved or paid."
        )


def _check_not_subawards(line: BudgetLine) -> None:
    """A Subawards line is charged only by payments against a subaward's obligation."""
    if line.category == CostCategory.SUBAWARDS:
        raise ValidationError(
            {
                "line": "A Subawards (Subgrants) line is paid only against a subaward's "
                "obligation, when its claim is paid: choose another line."
            }
        )


def _check_equipment_item(award: Award, line: BudgetLine, amount: Decimal) -> None:
    """A draw on an Equipment line is one item; below the award's threshold it is supplies."""
    threshold = award.rules.equipment_threshold
    if line.category == CostCategory.EQUIPMENT and amount < threshold:
        raise ValidationError(
            {
                "amount": f"Under this award's rules ({award.get_uniform_guidance_display()}) "
                f"an item under {_usd(threshold)} is supplies, not equipment: charge it to a "
                "Supplies line."
            }
        )


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _check_draw_fields(award: Award, incurred_on: dt.date, payee: str, description: str):
    errors = {}
    if not isinstance(incurred_on, dt.date):
        errors["incurred_on"] = "Enter the date the cost was incurred."
    elif not award.contains(incurred_on):
        errors["incurred_on"] = (
            f"The date must be inside the period of performance "
            f"({day(award.period_start)} to {day(award.period_end)}) of award "
            f"{award.federal_award_number}: a cost incurred on {day(incurred_on)} cannot be "
            "charged to it. Choose a line of the award whose period contains that date."
        )
    else:
        errors.update(not_future(incurred_on, "incurred_on", "The date the cost was incurred"))
    if not payee:
        errors["payee"] = "Enter who was paid."
    if not description:
        errors["description"] = "Describe the cost."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def request_draw(
    *,
    actor,
    line_id,
    amount,
    incurred_on: dt.date,
    payee: str,
    description: str,
    reason: str = "Recorded",
    month: dt.date | None = None,
    document=None,
    submit: bool = False,
) -> Draw:
    """Record a cost as a draft draw; with ``submit=True`` it is submitted (committed) at once."""
    permissions.require(permissions.can_request_draw(actor))
    if submit:
        permissions.require(permissions.can_take(actor, DRAWS["submit"]))
    reason = reason_text(reason)
    amount = money(amount)
    try:
        award_id = BudgetLine.objects.values_list("award_id", flat=True).get(pk=line_id)
    except BudgetLine.DoesNotExist:
        raise ValidationError({"line": "Choose a budget line."}) from None
    award = _lock_award(award_id, shared=True)
    check_award_window(award, "request")
    line = _lock_lines(award, line_id)[line_id]
    payee = field_text(payee, Draw, "payee")
    description = field_text(description, Draw, "description")
    _check_draw_fields(award, incurred_on, payee, description)
    _check_not_subawards(line)
    _check_equipment_item(award, line, amount)
    _check_fits(line, amount)
    moment = now()
    draw = Draw(
        award=award,
        line=line,
        incurred_on=incurred_on,
        month=_month_start(month or incurred_on),
        amount=amount,
        payee=payee,
        description=description,
        requested_by=actor,
        requested_at=moment,
    )
    if document:
        draw.document = document
    if submit:
        draw.status = DRAWS["submit"].target
        draw.submitted_by, draw.submitted_at = actor, moment
    save(draw, actor, reason)
    return draw


@transaction.atomic
def edit_draft_draw(*, actor, draw_id, reason: str, **changes) -> Draw:
    """Change a draft. Anything submitted or later is corrected by rejection or reversal."""
    permissions.require(permissions.can_request_draw(actor))
    reason = reason_text(reason)
    new_line_id = changes.pop("line_id", None)
    award, lines, draw = _lock_draw(draw_id, new_line_id)
    DRAWS.check_editable(draw)
    if new_line_id is not None and new_line_id != draw.line_id:
        draw.line = lines[new_line_id]
    if "amount" in changes:
        draw.amount = money(changes.pop("amount"))
    for field in ("payee", "description"):
        if field in changes:
            setattr(draw, field, field_text(changes.pop(field), Draw, field))
    for field in ("incurred_on", "document"):
        if field in changes:
            setattr(draw, field, changes.pop(field))
    month = changes.pop("month", None)
    draw.month = _month_start(month or draw.incurred_on)
    if changes:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(changes))}.")
    _check_draw_fields(award, draw.incurred_on, draw.payee, draw.description)
    _check_not_subawards(lines[draw.line_id])
    _check_equipment_item(award, lines[draw.line_id], draw.amount)
    _check_fits(lines[draw.line_id], draw.amount)
    save(draw, actor, reason)
    return draw


@transaction.atomic
def submit_draw(*, actor, draw_id, reason: str = "Submitted for approval") -> Draw:
    step, draw, award, lines, reason = take_step(
        DRAWS, _lock_draw, draw_id, "submit", actor, reason=reason
    )
    _check_draw_fields(award, draw.incurred_on, draw.payee, draw.description)
    _check_fits(lines[draw.line_id], draw.amount)
    draw.status = step.target
    draw.submitted_by, draw.submitted_at = actor, now()
    save(draw, actor, reason)
    return draw


@transaction.atomic
def approve_draw(*, actor, draw_id, reason: str = "Approved") -> Draw:
    step, draw, award, _lines, reason = take_step(
        DRAWS, _lock_draw, draw_id, "approve", actor, reason=reason
    )
    check_award_window(award, step.name)
    draw.status = step.target
    draw.approved_by, draw.approved_at = actor, now()
    save(draw, actor, reason)
    return draw


@transaction.atomic
def reject_draw(*, actor, draw_id, reason: str) -> Draw:
    step, draw, _award, _lines, reason = take_step(
        DRAWS, _lock_draw, draw_id, "reject", actor, reason=reason
    )
    draw.status = step.target
    draw.rejected_by, draw.rejected_at, draw.reason = actor, now(), reason
    save(draw, actor, f"Rejected: {reason}")
    return draw


@transaction.atomic
def pay_draw(
    *,
    actor,
    draw_id,
    paid_on: dt.date | None = None,
    payment_reference: str = "",
    reason: str = "Paid",
) -> Draw:
    """Record the payment: the date paid (today unless given) and its check/EFT reference."""
    step, draw, award, _lines, reason = take_step(
        DRAWS, _lock_draw, draw_id, "pay", actor, reason=reason
    )
    check_award_window(award, step.name)
    reference = field_text(payment_reference, Draw, "payment_reference")
    paid_on = today() if paid_on is None else paid_on
    errors = {}
    if not isinstance(paid_on, dt.date):
        errors["paid_on"] = "Enter the date the payment was made."
    elif paid_on < draw.incurred_on:
        errors["paid_on"] = (
            f"The payment date cannot be before the cost was incurred ({day(draw.incurred_on)})."
        )
    else:
        errors.update(not_future(paid_on, "paid_on", "The payment date"))
    if errors:
        raise ValidationError(errors)
    draw.status = step.target
    draw.paid_by, draw.paid_at = actor, now()
    draw.paid_on, draw.payment_reference = paid_on, reference
    save(draw, actor, reason)
    return draw


@transaction.atomic
def reverse_draw(*, actor, draw_id, reason: str) -> Draw:
    """Correct a paid draw with an entry of the opposite amount that points to it."""
    step, draw, award, lines, reason = take_step(
        DRAWS, _lock_draw, draw_id, "reverse", actor, reason=reason
    )
    line = lines[draw.line_id]
    if Draw.objects.filter(reverses=draw).exists():
        raise ValidationError("This draw has already been reversed.")
    moment = now()
    reversal = Draw(
        award=award,
        line=line,
        incurred_on=draw.incurred_on,
        month=draw.month,
        amount=-draw.amount,
        payee=draw.payee,
        # The original keeps its whole description; the reversal names it (nothing cut short).
        description=f"Reversal of draw #{draw.pk}",
        status=step.target,
        reverses=draw,
        obligation_id=draw.obligation_id,  # a payment's reversal returns it to the obligation
        reason=reason,
        requested_by=actor,
        requested_at=moment,
        paid_by=actor,
        paid_at=moment,
        paid_on=today(),  # the reversal's own date: it places the correction in its period
    )
    save(reversal, actor, f"Reversal: {reason}")
    return reversal
