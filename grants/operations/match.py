"""Non-federal match contributions."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from voca.money import round_cents
from voca.operations import field_text

from .. import permissions
from ..models import MatchContribution, MatchKind
from .base import _lock_award, money, not_future, now, reason_text, save


@transaction.atomic
def record_match(
    *,
    actor,
    award_id,
    contributed_on: dt.date,
    kind: str,
    description: str,
    value=None,
    hours=None,
    hourly_rate=None,
    document=None,
    reason: str = "Recorded",
) -> MatchContribution:
    """Record non-federal match; volunteer time is valued as hours x rate."""
    permissions.require(permissions.can_record_match(actor))
    reason = reason_text(reason)
    award = _lock_award(award_id)
    errors = {}
    if kind not in MatchKind.values:
        errors["kind"] = "Choose what kind of match this is."
    if not isinstance(contributed_on, dt.date) or not award.contains(contributed_on):
        errors["contributed_on"] = "The date must be inside the period of performance."
    else:
        errors.update(not_future(contributed_on, "contributed_on", "The contribution date"))
    description = field_text(description, MatchContribution, "description")
    if not description:
        errors["description"] = "Describe the contribution."
    if errors:
        raise ValidationError(errors)
    if kind == MatchKind.VOLUNTEER:
        if hours in (None, "") or hourly_rate in (None, ""):
            raise ValidationError({"hours": "Volunteer time needs the hours and the rate."})
        hours_d = money(hours, "hours")
        rate = money(hourly_rate, "hourly_rate")
        value = money(round_cents(hours_d * rate), "hours")  # hours x rate within the ceiling
    else:
        hours_d = rate = None
        value = money(value, "value")
    contribution = MatchContribution(
        award=award,
        contributed_on=contributed_on,
        kind=kind,
        hours=hours_d,
        hourly_rate=rate,
        value=value,
        description=description,
        recorded_by=actor,
        recorded_at=now(),
    )
    if document:
        contribution.document = document
    save(contribution, actor, reason)
    return contribution
