"""Obligations: a subaward's money committed on a Subawards line, changed, and paid.

The subawards and claims workflows call these with the acting user; each runs in one transaction,
locks the award (shared), then the line, then the obligation, validates against the locked rows
and records who and why in history. A payment is a paid draw on the obligation's line that points
to it (``Draw.obligation``): one ledger, counted once by ``grants.models.lines``.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from voca.clock import local_date
from voca.formats import day
from voca.operations import check_version, field_text

from .. import permissions
from ..models import ZERO, Award, BudgetLine, CostCategory, Draw, Obligation
from ..workflows import DrawStatus
from .base import (  # noqa: F401  (room_refusal: subawards' check of a drafted budget)
    _lock_award,
    _lock_lines,
    _usd,
    check_room,
    money,
    not_future,
    now,
    reason_text,
    room_refusal,
    save,
    today,
)
from .draws import check_award_window

NOT_SUBAWARDS = "Subawards are obligated on a Subawards (Subgrants) line of the award."


def _require(decision) -> None:
    """The role's permission (``grants.permissions``), refused with its reason."""
    permissions.require(decision, decision.reason)


def _lock_line(line_id) -> tuple[Award, BudgetLine]:
    """The award (shared), then the line, by their keys read unlocked first."""
    try:
        award_id = BudgetLine.objects.values_list("award_id", flat=True).get(pk=line_id)
    except BudgetLine.DoesNotExist:
        raise ValidationError({"line": "Choose a budget line."}) from None
    award = _lock_award(award_id, shared=True)
    return award, _lock_lines(award, line_id)[line_id]


def _lock_obligation(obligation_id) -> tuple[Award, BudgetLine, Obligation]:
    """Award -> line -> obligation, the draws' fixed order."""
    try:
        line_id = Obligation.objects.values_list("line_id", flat=True).get(pk=obligation_id)
    except Obligation.DoesNotExist:
        raise ValidationError("That obligation does not exist.") from None
    award, line = _lock_line(line_id)
    return award, line, Obligation.objects.select_for_update().get(pk=obligation_id)


def _check_period(award: Award) -> None:
    """Money is obligated within the period of performance; payments go on in liquidation."""
    if today() > award.period_end:
        raise ValidationError(
            f"The period of performance of award {award.federal_award_number} ended on "
            f"{day(award.period_end)}: no new or larger obligations. Payments against existing "
            f"obligations may be recorded until {day(award.liquidation_end)} (2 CFR 200.344)."
        )


@transaction.atomic
def obligate(actor, *, line, amount, reference: str, reason: str) -> Obligation:
    """Obligate ``amount`` of a Subawards line (``line``: the BudgetLine or its key) for a
    subaward named by ``reference`` (its number; no personal data)."""
    _require(permissions.can_obligate(actor))
    reason = reason_text(reason)
    amount = money(amount)
    award, line = _lock_line(getattr(line, "pk", line))
    if line.category != CostCategory.SUBAWARDS:
        raise ValidationError({"line": NOT_SUBAWARDS})
    _check_period(award)
    reference = field_text(reference, Obligation, "reference")
    if not reference:
        raise ValidationError({"reference": "Name what obligates the money (the subaward number)."})
    check_room(line, amount, f"this obligation is {_usd(amount)}")
    obligation = Obligation(
        award=award,
        line=line,
        amount=amount,
        reference=reference,
        opened_by=actor,
        opened_at=now(),
    )
    save(obligation, actor, reason)
    return obligation


@transaction.atomic
def change_obligation(
    actor, obligation, *, amount, reason: str, expected_version: int | None = None
) -> Obligation:
    """Raise the obligation (the increase must fit on the line) or lower it (de-obligation:
    never below what was already paid against it). ``expected_version``: the version the form
    was opened at; a change made since then refuses this one."""
    _require(permissions.can_obligate(actor))
    reason = reason_text(reason)
    amount = money(amount, allow_zero=True)
    award, line, obligation = _lock_obligation(getattr(obligation, "pk", obligation))
    if expected_version is not None:
        check_version(obligation, expected_version, noun="obligation")
    if amount == obligation.amount:
        raise ValidationError({"amount": f"The obligation is already {_usd(amount)}."})
    if amount > obligation.amount:
        _check_period(award)
        more = amount - obligation.amount
        check_room(line, more, f"raising it to {_usd(amount)} needs {_usd(more)} more")
    else:
        paid = obligation.paid()
        if amount < paid:
            raise ValidationError(
                {
                    "amount": f"{_usd(paid)} has already been paid against obligation "
                    f"{obligation.reference}: it cannot be lowered below that "
                    f"(you asked for {_usd(amount)})."
                }
            )
    obligation.amount = amount
    obligation.version += 1
    save(obligation, actor, reason)
    return obligation


def _check_payment_date(obligation: Obligation, paid_on, incurred_on, award: Award) -> None:
    errors = {}
    opened = local_date(obligation.opened_at)
    if not isinstance(paid_on, dt.date):
        errors["paid_on"] = "Enter the date the payment was made."
    else:
        errors.update(not_future(paid_on, "paid_on", "The payment date"))
        if not errors and opened and paid_on < opened:
            errors["paid_on"] = (
                f"The payment date cannot be before obligation {obligation.reference} was made "
                f"({day(opened)})."
            )
    if not isinstance(incurred_on, dt.date):
        errors["incurred_on"] = "Enter the date the costs were incurred."
    elif isinstance(paid_on, dt.date) and paid_on < incurred_on:
        errors.setdefault(
            "paid_on",
            f"The payment date cannot be before the costs were incurred ({day(incurred_on)}).",
        )
    elif not award.contains(incurred_on):
        errors["incurred_on"] = (
            f"The costs must be incurred inside the period of performance "
            f"({day(award.period_start)} to {day(award.period_end)}) of award "
            f"{award.federal_award_number}."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def pay_obligation(
    actor,
    obligation,
    *,
    amount,
    paid_on: dt.date,
    payment_reference: str,
    reason: str,
    approved_by,
    approved_at: dt.datetime | None = None,
    incurred_on: dt.date | None = None,
    payee: str = "",
    description: str = "",
) -> Draw:
    """Record a payment against ``obligation`` (a claim already approved by ``approved_by``) as
    a paid draw on its line: the one path by which a payment on a Subawards line enters the
    ledger. The payer (``actor``) is never the approver. ``incurred_on`` (the end of the
    claim's period) defaults to the date paid, or the award's last day when paid later."""
    _require(permissions.can_pay_obligations(actor))
    if refusal := permissions.payer_refusal(actor, approved_by):
        raise ValidationError(refusal)
    reason = reason_text(reason)
    amount = money(amount)
    award, line, obligation = _lock_obligation(getattr(obligation, "pk", obligation))
    check_award_window(award, "pay")
    if incurred_on is None and isinstance(paid_on, dt.date):
        incurred_on = min(paid_on, award.period_end)
    _check_payment_date(obligation, paid_on, incurred_on, award)
    reference = field_text(payment_reference, Draw, "payment_reference")
    if not reference:
        raise ValidationError(
            {"payment_reference": "Enter the payment's reference (check number, EFT, voucher)."}
        )
    unpaid = obligation.unpaid()
    if amount > unpaid:
        raise ValidationError(
            {
                "amount": f"Only {_usd(max(unpaid, ZERO))} of obligation {obligation.reference} "
                f"is unpaid ({_usd(obligation.amount)} obligated); this payment is {_usd(amount)}."
            }
        )
    moment = now()
    draw = Draw(
        award=award,
        line=line,
        obligation=obligation,
        incurred_on=incurred_on,
        month=incurred_on.replace(day=1),
        amount=amount,
        payee=field_text(payee, Draw, "payee") or f"Subaward {obligation.reference}",
        description=field_text(description, Draw, "description")
        or f"Payment against obligation {obligation.reference}",
        status=DrawStatus.PAID,
        requested_by=actor,
        requested_at=moment,
        submitted_by=actor,
        submitted_at=moment,
        approved_by=approved_by,
        approved_at=approved_at or moment,
        paid_by=actor,
        paid_at=moment,
        paid_on=paid_on,
        payment_reference=reference,
    )
    approver = approved_by.get_full_name() or approved_by.username
    save(
        draw,
        actor,
        f"Paid against obligation {obligation.reference}, approved by {approver}: {reason}",
    )
    return draw
