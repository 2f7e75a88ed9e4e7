"""Close-out: the award becomes read-only, its balances frozen in a recorded snapshot."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import permissions
from ..closeout import checklist
from ..models import AwardCloseOut
from .base import _lock_award, _usd, money, now, reason_text, save, today


@transaction.atomic
def close_out_award(*, actor, award_id, reason: str, deobligated, document=None) -> AwardCloseOut:
    """Close the award once every item of grants.closeout's checklist holds.

    ``deobligated`` is the unobligated balance as the grants manager states it; it must equal
    the ledger's (total less paid), so the amount handed back is confirmed, not assumed.
    """
    permissions.require(permissions.can_close_out_award(actor))
    reason = reason_text(reason)
    award = _lock_award(award_id)  # exclusive: no draw or match is written meanwhile
    state = checklist(award, today(), has_document=bool(document))
    errors = {}
    refusals = state.refusals()
    try:
        stated = money(deobligated, "deobligated", allow_zero=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    else:
        if stated != state.deobligate:
            errors["deobligated"] = (
                f"The unobligated balance of this award is {_usd(state.deobligate)} "
                f"(total less paid); you entered {_usd(stated)}."
            )
    if not document:
        errors["document"] = "Attach the close-out documents (final performance report)."
        refusals = [r for r in refusals if not r.startswith("Close-out documents")]
    if refusals:
        errors["__all__"] = [f"Award {award.federal_award_number} cannot be closed out yet."]
        errors["__all__"] += refusals
    if errors:
        raise ValidationError(errors)
    b, moment = state.balances, now()
    snapshot = AwardCloseOut(
        award=award,
        closed_at=moment,
        closed_by=actor,
        reason=reason,
        total=b.total,
        budgeted=b.budgeted,
        paid=b.paid,
        deobligated=state.deobligate,
        match_required=b.match_required,
        match_provided=b.match_provided,
        match_waiver_percent=award.match_waiver_percent,
        final_ffr=state.final_ffr,
        document=document,
        lines=[
            {
                "line_id": line.line_id,
                "category": line.category,
                "program": line.program,
                "description": line.description,
                "amount": str(line.amount),
                "paid": str(line.paid),
            }
            for line in b.lines
        ],
    )
    save(snapshot, actor, reason)
    award.closed_at, award.closed_by = moment, actor
    save(award, actor, f"Closed out: {reason}")
    return snapshot
