"""The SAR: the subrecipient submits (or corrects) its part; the state marks it reported in PMT.

Each runs in one transaction under the subaward's lock, checks everything before saving, and
saves nothing on bad input (a ValidationError naming the field); a refusal by role is a
PermissionDenied with the sentence the page shows.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from voca.clock import local_date
from voca.operations import future_refusal

from .. import permissions
from ..funder_workflows import SarStatus
from ..models import SubgrantAwardReport
from ..models.sar import BUDGET_SOURCES, COUNTS, STAFFING
from ..reports.sar import state_part
from .base import lock_subaward, money, now, save, today

MAX_FTE = Decimal("99999.99")


def sar_of(subaward) -> SubgrantAwardReport:
    """The subaward's SAR, or a new one (not saved) whose state part is ready."""
    try:
        return subaward.sar
    except SubgrantAwardReport.DoesNotExist:
        return SubgrantAwardReport(subaward=subaward, status=SarStatus.READY)


def _count(raw, field, errors):
    """A whole number of people, 0 or more."""
    text = str(raw).strip() if raw is not None else ""
    if text == "":
        errors[field] = "Enter a number (0 if none)."
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        errors[field] = "Enter a whole number of people, such as 12."
        return None
    if not number.is_finite() or number != number.to_integral_value():
        errors[field] = "Enter a whole number of people, such as 12."
    elif number < 0:
        errors[field] = "The number cannot be negative."
    elif number > 1_000_000:
        errors[field] = "This number is too large."
    else:
        return int(number)
    return None


def _fte(raw, field, errors):
    """Full-time equivalents, 0 or more, at most two decimals."""
    text = str(raw).strip() if raw is not None else ""
    try:
        number = Decimal(text or "0")
    except InvalidOperation:
        errors[field] = "Enter full-time equivalents as a number, such as 4.5."
        return None
    if not number.is_finite():
        errors[field] = "Enter full-time equivalents as a number, such as 4.5."
    elif number < 0:
        errors[field] = "The number cannot be negative."
    elif number != number.quantize(Decimal("0.01"), rounding="ROUND_DOWN"):
        errors[field] = "Full-time equivalents have at most two decimals."
    elif number > MAX_FTE:
        errors[field] = "This number is too large."
    else:
        return number
    return None


def clean_agency_part(values: dict) -> dict:
    """The subrecipient's part, every field checked; a ValidationError naming each bad one."""
    values = values or {}
    errors, cleaned = {}, {}
    for field, _label in BUDGET_SOURCES:
        raw = values.get(field)
        if raw in (None, ""):
            raw = "0"
        try:
            amount = money(raw, field=field, allow_zero=True)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        cleaned[field] = amount
    for field, _label in STAFFING:
        parse = _count if field in COUNTS else _fte
        number = parse(values.get(field), field, errors)
        if number is not None:
            cleaned[field] = number
    if not errors and sum(cleaned[f] for f, _l in BUDGET_SOURCES) == 0:
        errors["__all__"] = "Give the agency's victim-services budget by source."
    if not errors and cleaned["budget_voca"] == 0:
        errors["budget_voca"] = "A subrecipient's budget includes its VOCA funds."
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def submit_sar_part(actor, *, subaward_id, values: dict) -> SubgrantAwardReport:
    """The subrecipient's Agency Director or Finance submit its part of the SAR (again, to correct
    it, until the state reports it)."""
    subaward = lock_subaward(subaward_id)
    sar = sar_of(subaward)
    permissions.require(permissions.can_submit_sar(actor, sar))
    cleaned = clean_agency_part(values)
    first = sar.status == SarStatus.READY
    for field, value in cleaned.items():
        setattr(sar, field, value)
    sar.status = SarStatus.SUBMITTED
    sar.submitted_by, sar.submitted_at = actor, now()
    save(sar, actor, "Subrecipient's part submitted" if first else "Subrecipient's part corrected")
    return sar


@transaction.atomic
def report_sar(actor, *, subaward_id, reported_on) -> SubgrantAwardReport:
    """The state entered the SAR in OVC's PMT on ``reported_on``: who, when, and the state's part
    exactly as entered are kept."""
    subaward = lock_subaward(subaward_id)
    sar = sar_of(subaward)
    permissions.require(permissions.can_report_sar(actor, sar))
    errors = {}
    if not hasattr(reported_on, "year"):
        errors["reported_on"] = "Enter the day the SAR was entered in PMT."
    else:
        errors.update(
            future_refusal(reported_on, "reported_on", "The day cannot be after today ({today}).")
        )
        if not errors and sar.submitted_at and reported_on < local_date(sar.submitted_at):
            errors["reported_on"] = "The SAR was entered in PMT after the subrecipient's part."
    if errors:
        raise ValidationError(errors)
    sar.status = SarStatus.REPORTED
    sar.reported_by, sar.reported_at, sar.reported_on = actor, now(), reported_on
    sar.reported_state_part = [[label, str(value)] for label, value in state_part(subaward)]
    save(sar, actor, f"Reported in PMT on {reported_on:%Y-%m-%d}")
    return sar


__all__ = ["clean_agency_part", "report_sar", "sar_of", "submit_sar_part", "today"]
