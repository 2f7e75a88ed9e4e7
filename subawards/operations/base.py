"""What subaward operations add to the kit (voca.operations): locks, reasons, amounts, saving."""

from django.core.exceptions import ValidationError

from grants.models import REASON_MAX
from grants.operations.base import money
from voca import clock, formats
from voca import operations as kit

from ..models import Subaward

today = clock.local_today
now = clock.now

__all__ = ["lock_subaward", "money", "now", "reason_text", "save", "today", "usd"]


def reason_text(reason: str, field: str = "reason") -> str:
    return kit.reason_text(
        reason,
        max_length=REASON_MAX,
        required="Give a reason: it is kept in the audit trail.",
        field=field,
    )


def save(obj, actor, reason: str) -> None:
    kit.save_with_history(obj, actor=actor, reason=reason, check_fields=True)


# Dollars in a refusal, written the one way (voca.formats.money): $1,234.56, -$1,234.56.
usd = formats.money


def lock_subaward(subaward_id) -> Subaward:
    """The subaward row, locked: one change of a subaward at a time (its versions are numbered
    under this lock)."""
    found = Subaward.objects.select_for_update().filter(pk=subaward_id).first()
    if found is None:
        raise ValidationError("That subaward does not exist.")
    return found
