"""Budget revisions: requested, then approved or rejected (grants.workflows.REVISIONS)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import permissions
from ..admin_share import cap_refusal
from ..models import Award, BudgetLine, BudgetRevision
from ..workflows import REVISIONS
from .base import (
    _lock_award,
    _lock_lines,
    _usd,
    money,
    now,
    reason_text,
    save,
)
from .steps import take_step


@transaction.atomic
def request_revision(*, actor, award_id, from_line_id, to_line_id, amount, reason: str):
    permissions.require(permissions.can_request_revision(actor))
    reason = reason_text(reason)
    amount = money(amount)
    if from_line_id is not None and from_line_id == to_line_id:
        raise ValidationError({"to_line": "Choose two different budget lines."})
    award = _lock_award(award_id)
    # The award is the source's: a line of another award is refused on the other field.
    lines = _lock_lines(
        award,
        from_line_id,
        to_line_id,
        field="from_line" if from_line_id is not None else "to_line",
        message=f"Choose a line of award {award.federal_award_number}: money never moves "
        "between awards.",
    )
    _check_revision_fits(award, lines.get(from_line_id), amount, lines[to_line_id])
    revision = BudgetRevision(
        award=award,
        from_line=lines.get(from_line_id),
        to_line=lines[to_line_id],
        amount=amount,
        reason=reason,
        requested_by=actor,
        requested_at=now(),
    )
    save(revision, actor, reason)
    return revision


def _check_revision_fits(
    award: Award, from_line: BudgetLine | None, amount: Decimal, to_line: BudgetLine | None = None
) -> None:
    # Money moved onto an administration line from elsewhere counts against the 5% cap.
    if (
        to_line is not None
        and to_line.is_administration
        and not (from_line is not None and from_line.is_administration)
        and (refusal := cap_refusal(award, amount))
    ):
        raise ValidationError({"amount": refusal})
    if from_line is None:
        unbudgeted = award.unbudgeted()
        if amount > unbudgeted:
            raise ValidationError(
                {"amount": f"Only {_usd(unbudgeted)} of the award is not yet budgeted."}
            )
        return
    balance = from_line.balance()  # the one line-balance rule (grants.models.lines)
    if amount > balance.remaining:
        raise ValidationError(
            {
                "amount": f"This would push '{from_line.description}' below what is already spent "
                f"or committed on it ({_usd(balance.used)}); at most {_usd(balance.remaining)} "
                "can move."
            }
        )


@transaction.atomic
def approve_revision(*, actor, revision_id, reason: str = "Approved") -> BudgetRevision:
    step, revision, award, lines, reason = take_step(
        REVISIONS, _lock_revision, revision_id, "approve", actor, reason=reason
    )
    from_line = lines.get(revision.from_line_id)
    to_line = lines[revision.to_line_id]
    _check_revision_fits(award, from_line, revision.amount, to_line)
    note = f"Budget revision #{revision.pk}: {reason}"
    if from_line is not None:
        from_line.amount -= revision.amount
        save(from_line, actor, note)
    to_line.amount += revision.amount
    save(to_line, actor, note)
    revision.status = step.target
    revision.decided_by, revision.decided_at, revision.decision_reason = actor, now(), reason
    save(revision, actor, f"Approved: {reason}")
    return revision


@transaction.atomic
def reject_revision(*, actor, revision_id, reason: str) -> BudgetRevision:
    step, revision, _award, _lines, reason = take_step(
        REVISIONS, _lock_revision, revision_id, "reject", actor, reason=reason
    )
    revision.status = step.target
    revision.decided_by, revision.decided_at, revision.decision_reason = actor, now(), reason
    save(revision, actor, f"Rejected: {reason}")
    return revision


def _lock_revision(revision_id) -> tuple[Award, dict[int, BudgetLine], BudgetRevision]:
    """Lock in the fixed order award -> lines -> revision, reading its keys first unlocked."""
    try:
        keys = BudgetRevision.objects.values("award_id", "from_line_id", "to_line_id").get(
            pk=revision_id
        )
    except BudgetRevision.DoesNotExist:
        raise ValidationError("That budget revision does not exist.") from None
    award = _lock_award(keys["award_id"])
    lines = _lock_lines(award, keys["from_line_id"], keys["to_line_id"])
    return award, lines, BudgetRevision.objects.select_for_update().get(pk=revision_id)
