"""Reimbursement claims, the state's side: program approval (whole or in part, a reason per
line cut), finance approval, send back for changes, reject, and the payment (a paid draw on the
state award's Subawards line through ``grants.operations.obligations.pay_obligation``).

Every step opens through ``take_claim_step``: the role (``permissions.can_take_claim_step``), the
reason, the locks (subaward, then claim), then the state and the separation of duties from the
``CLAIMS`` table. An approval never exceeds what is left on the subaward's category: it is
checked against the locked subaward, so two approvals at once cannot both spend the same dollars.
"""

from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from grants.operations.obligations import pay_obligation
from grants.workflows import Transition
from voca.money import round_cents

from .. import permissions
from ..models import Claim, ClaimComment, Subaward, left_by_category
from ..workflows import AGENCY_STEPS, CLAIMS
from .base import money, now, reason_text, save, usd
from .claims import lock_claim

ZERO = Decimal("0.00")


class Taken(NamedTuple):
    step: Transition
    subaward: Subaward  # locked
    claim: Claim  # locked, in a state the step starts from
    reason: str


def take_claim_step(actor, claim_id, step_name: str, reason: str) -> Taken:
    """Open the step ``step_name`` of ``CLAIMS`` on the claim for ``actor`` (see the module)."""
    step = CLAIMS[step_name]
    if step.name in AGENCY_STEPS or not permissions.holds_state_permission(actor, step.permission):
        raise PermissionDenied(f"Your role does not let you take this step ({step.label}).")
    reason = reason_text(reason or step.label)
    subaward, claim = lock_claim(claim_id)
    if refusal := permissions.can_take_claim_step(actor, claim, step).reason:
        raise ValidationError(refusal)
    return Taken(step, subaward, claim, reason)


def _comment(actor, claim: Claim, step: str, text: str) -> None:
    ClaimComment.objects.create(
        claim=claim, round_number=claim.round_number, step=step, text=text, author=actor
    )


def _check_left(subaward: Subaward, claim: Claim, approved: dict[str, Decimal]) -> None:
    """Each category's approval within what the subaward's other approved (or paid) claims leave
    of it; claims still waiting for approval do not hold money against an approval."""
    left = left_by_category(subaward, excluding=claim.pk, requests=False)
    errors = {
        category: f"Only {usd(max(left.get(category, ZERO), ZERO))} is left in this category of "
        f"the subaward; approving {usd(amount)} would exceed it."
        for category, amount in approved.items()
        if amount > left.get(category, ZERO)
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def approve_program(actor, *, claim_id, approved=None, reasons=None, reason="") -> Claim:
    """The grants manager's program approval of the latest round: every line in full, or less
    (``approved``: {category: amount}) with a reason for each line cut (``reasons``)."""
    taken = take_claim_step(actor, claim_id, "program_approve", reason or "Program approval")
    claim, approved, reasons = taken.claim, approved or {}, reasons or {}
    lines = list(claim.current_round().lines.all())
    errors, amounts = {}, {}
    for line in lines:
        raw = approved.get(line.category, line.requested)
        try:
            amount = money(raw, field=line.category, allow_zero=True)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        why = (reasons.get(line.category) or "").strip()
        if amount > line.requested:
            errors[line.category] = (
                f"The approval cannot exceed what was claimed ({usd(line.requested)})."
            )
        elif amount < line.requested and not why:
            errors[f"reason_{line.category}"] = (
                f"Say why this line is approved for less than the {usd(line.requested)} claimed."
            )
        amounts[line.category] = (amount, why if amount < line.requested else "")
    if errors:
        raise ValidationError(errors)
    total = round_cents(sum((a for a, _ in amounts.values()), ZERO))
    if total == 0:
        raise ValidationError("Approving nothing is a rejection: reject the claim with its reason.")
    _check_left(taken.subaward, claim, {c: a for c, (a, _) in amounts.items()})
    for line in lines:
        line.approved, line.approval_reason = amounts[line.category]
        save(line, actor, line.approval_reason or taken.reason)
    claim.status = taken.step.target
    claim.program_approved_by, claim.program_approved_at = actor, now()
    claim.approved_total = total
    save(claim, actor, taken.reason)
    cut = [line for line in lines if line.approved < line.requested]
    if cut:
        _comment(
            actor,
            claim,
            "program_approve",
            "Approved in part: "
            + "; ".join(
                f"{line.get_category_display()} {usd(line.approved)} of {usd(line.requested)} "
                f"({line.approval_reason})"
                for line in cut
            ),
        )
    return claim


@transaction.atomic
def approve_finance(actor, *, claim_id, reason="") -> Claim:
    """Finance's approval of what the program approved (by someone other than the program
    approver), checked once more against what is left (an amendment may have cut the budget)."""
    taken = take_claim_step(actor, claim_id, "finance_approve", reason or "Finance approval")
    claim = taken.claim
    approved = {line.category: line.approved for line in claim.current_round().lines.all()}
    _check_left(taken.subaward, claim, approved)
    claim.status = taken.step.target
    claim.finance_approved_by, claim.finance_approved_at = actor, now()
    save(claim, actor, taken.reason)
    return claim


@transaction.atomic
def send_back_claim(actor, *, claim_id, comments: str) -> Claim:
    """Back to the subrecipient for changes, with the reviewer's comments (kept with the round)."""
    taken = take_claim_step(actor, claim_id, "send_back", comments)
    claim = taken.claim
    if not (comments or "").strip():
        raise ValidationError({"reason": "Say what the subrecipient must change."})
    claim.status = taken.step.target
    save(claim, actor, taken.reason)
    _comment(actor, claim, "send_back", taken.reason)
    return claim


@transaction.atomic
def reject_claim(actor, *, claim_id, reason: str) -> Claim:
    """Refuse the claim with its reason (final: the period may be claimed again)."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Give a reason: it is kept in the audit trail."})
    taken = take_claim_step(actor, claim_id, "reject", reason)
    claim = taken.claim
    claim.status = taken.step.target
    claim.decided_by, claim.decided_at = actor, now()
    save(claim, actor, taken.reason)
    _comment(actor, claim, "reject", taken.reason)
    return claim


@transaction.atomic
def pay_claim(actor, *, claim_id, paid_on, payment_reference: str, reason="") -> Claim:
    """Record the payment of an approved claim: the paid draw on the state award's Subawards line
    against the subaward's obligation (``pay_obligation``, which refuses the finance approver as
    payer and a payment beyond the unpaid obligation)."""
    taken = take_claim_step(actor, claim_id, "pay", reason or "Claim paid")
    claim, subaward = taken.claim, taken.subaward
    if subaward.obligation_id is None:
        raise ValidationError("The subaward has no obligation to pay against.")
    incurred_on = claim.period_end
    if hasattr(paid_on, "year") and paid_on < incurred_on:
        incurred_on = max(paid_on, claim.period_start)
    draw = pay_obligation(
        actor,
        subaward.obligation,
        amount=claim.approved_total,
        paid_on=paid_on,
        payment_reference=payment_reference,
        reason=f"{claim}: {taken.reason}",
        approved_by=claim.finance_approved_by,
        approved_at=claim.finance_approved_at,
        incurred_on=incurred_on,
        description=f"Reimbursement claim {claim.period_label}",
    )
    claim.status = taken.step.target
    claim.draw, claim.paid_on = draw, paid_on
    claim.payment_reference = draw.payment_reference
    save(claim, actor, taken.reason)
    return claim
