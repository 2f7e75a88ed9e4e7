"""Volunteers: the subrecipient records each month's volunteers and hours for a subaward, and
whether their time is claimed as in-kind match (valued hours x rate, half-up to the cent); the
state's Grants Manager may waive the requirement to use volunteers, with its reason.

A month not yet begun is refused; a month already recorded is corrected by a new record that
replaces it (the one before stays, with who and why)."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from voca import formats
from voca.money import round_cents

from .. import match_permissions as rules
from ..models import VolunteerMonth, VolunteerWaiver
from ..permissions import require
from ..rules import RULES
from .base import lock_subaward, now, reason_text, save, today, usd

MAX_HOURS = Decimal("100000")


def in_kind_value(hours: Decimal, rate: Decimal) -> Decimal:
    """The in-kind match of volunteer time: hours x rate, half-up to the cent."""
    return round_cents(hours * rate)


def _count(value, errors) -> int:
    text = str(value).strip() if value is not None else ""
    if not text.isdigit():
        errors["volunteers"] = "Enter the number of volunteers as a whole number (0 or more)."
        return 0
    return int(text)


def _decimal(value, field, errors, message) -> Decimal | None:
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError, TypeError):
        errors[field] = message
        return None
    if not number.is_finite() or number < 0 or number != number.quantize(Decimal("0.01")):
        errors[field] = message
        return None
    return number


def _month(value, subaward, errors) -> dt.date | None:
    if not isinstance(value, dt.date):
        errors["month"] = "Choose the month."
        return None
    month = value.replace(day=1)
    if month > today():
        errors["month"] = (
            f"{formats.month(month)} has not begun: record a month once it has started."
        )
        return None
    version = subaward.current_version()
    if not (version.period_start.replace(day=1) <= month <= version.period_end):
        errors["month"] = (
            f"Record months within the subaward's period of performance "
            f"({formats.day(version.period_start)} to {formats.day(version.period_end)})."
        )
        return None
    return month


@transaction.atomic
def record_volunteers(
    actor, *, subaward_id, month, volunteers, hours, claimed_as_match=False, rate=None, reason=""
) -> VolunteerMonth:
    """One month's volunteers and hours for a subaward; with ``claimed_as_match`` their value at
    ``rate`` (the state's rate when none is given, never above it) counts as in-kind match. A
    month already recorded is corrected: give the reason."""
    subaward = lock_subaward(subaward_id)
    require(rules.can_record_volunteers(actor, subaward))
    errors = {}
    month = _month(month, subaward, errors)
    count = _count(volunteers, errors)
    hours = _decimal(
        hours, "hours", errors, "Enter the hours as a number of 0 or more (at most 2 decimals)."
    )
    if hours is not None and hours > MAX_HOURS:
        errors["hours"] = f"At most {MAX_HOURS:,} hours in a month."
    if hours and not count and "volunteers" not in errors:
        errors["volunteers"] = "Hours were given: say how many volunteers gave them."
    state_rate = RULES.volunteer_hour_rate
    value_rate = None
    if claimed_as_match:
        if rate in (None, ""):
            value_rate = state_rate
        else:
            value_rate = _decimal(
                rate, "rate", errors, "Enter the value per hour in dollars, such as 34.79."
            )
            if value_rate is not None and not 0 < value_rate <= state_rate:
                errors["rate"] = (
                    f"The value per hour is above $0.00 and at most the state's rate "
                    f"({usd(state_rate)} an hour)."
                )
    earlier = None
    if month is not None:
        earlier = subaward.volunteer_months.current().filter(month=month).first()
    if earlier is not None and not (reason or "").strip():
        errors["reason"] = (
            f"{formats.month(month)} is already recorded: say why you correct it (the record "
            "before is kept)."
        )
    if errors:
        raise ValidationError(errors)
    reason = reason_text(reason or "Recorded")
    record = VolunteerMonth(
        subaward=subaward,
        month=month,
        volunteers=count,
        hours=hours,
        claimed_as_match=bool(claimed_as_match),
        rate=value_rate,
        in_kind_value=in_kind_value(hours, value_rate) if value_rate else Decimal("0.00"),
        reason=reason,
        corrects=earlier,
        recorded_by=actor,
        recorded_at=now(),
    )
    label = "Corrected" if earlier else "Recorded"
    save(record, actor, f"{label}: {reason}")
    return record


@transaction.atomic
def waive_volunteer_requirement(actor, *, subaward_id, reason: str) -> VolunteerWaiver:
    """The state decides that ``subaward`` need not use volunteers, and says why."""
    subaward = lock_subaward(subaward_id)
    require(rules.can_waive_volunteers(actor, subaward))
    reason = reason_text(reason)
    waiver = VolunteerWaiver(subaward=subaward, reason=reason, decided_by=actor, decided_at=now())
    save(waiver, actor, f"Volunteer requirement waived: {reason}")
    return waiver
