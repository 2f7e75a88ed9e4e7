"""FFATA: the state marks a reportable action reported in SAM.gov (once, append-only), and records
a subrecipient's executive-compensation answers (a new record each time; the latest counts).

Each runs in one transaction, checks everything first and saves nothing on bad input."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from organizations.models import Organization, OrganizationKind
from voca.operations import field_text, future_refusal

from .. import permissions
from ..models import ExecutiveCompensation, ExecutiveOfficer, FfataReport, SubawardVersion
from ..models.ffata import EXECUTIVES, reportable_actions
from .base import lock_subaward, money, save

FUTURE = "The day cannot be after today ({today})."


@transaction.atomic
def report_ffata(actor, *, version_id, reported_on, confirmation: str = "") -> FfataReport:
    """The reportable action ``version_id`` was reported in SAM.gov on ``reported_on``."""
    subaward_id = (
        SubawardVersion.objects.filter(pk=version_id).values_list("subaward_id", flat=True).first()
    )
    if subaward_id is None:
        raise ValidationError("That subaward action does not exist.")
    lock_subaward(subaward_id)
    version = reportable_actions().filter(pk=version_id).first()
    if version is None:
        raise ValidationError(
            "This subaward action is not reportable under FFATA (below the threshold, or no "
            "change of the amount)."
        )
    permissions.require(permissions.can_report_ffata(actor, version))
    errors = {}
    if not isinstance(reported_on, dt.date):
        errors["reported_on"] = "Enter the day the action was reported in SAM.gov."
    else:
        errors.update(future_refusal(reported_on, "reported_on", FUTURE))
        if not errors and reported_on < version.effective_on:
            errors["reported_on"] = (
                f"An action is reported after it is obligated ({version.effective_on:%Y-%m-%d})."
            )
    confirmation = field_text(confirmation, FfataReport, "confirmation", errors=errors)
    if errors:
        raise ValidationError(errors)
    report = FfataReport(
        version=version, reported_on=reported_on, reported_by=actor, confirmation=confirmation
    )
    report.full_clean(exclude=["version", "reported_by"])
    report.save()
    return report


def _officers(officers, required: bool, errors) -> list[tuple[str, object]]:
    """[(name, compensation)] of the top five: exactly five when required, none otherwise."""
    given = [(n, a) for n, a in (officers or []) if str(n or "").strip() or str(a or "").strip()]
    if not required:
        if given:
            errors["officers"] = (
                "Executive compensation is reported only when 80 percent or more, and "
                "$25,000,000 or more, of the revenue is federal: leave the names empty."
            )
        return []
    if len(given) != EXECUTIVES:
        errors["officers"] = (
            f"Give the names and total compensation of the {EXECUTIVES} most highly compensated "
            "officers."
        )
        return []
    cleaned = []
    for rank, (name, amount) in enumerate(given, start=1):
        name = field_text(name, ExecutiveOfficer, "name", errors=errors)
        if not name:
            errors.setdefault("officers", f"Officer {rank}: enter the name.")
        try:
            amount = money(amount, field="officers")
        except ValidationError as error:
            errors.setdefault("officers", f"Officer {rank}: {error.message_dict['officers'][0]}")
            continue
        cleaned.append((name, amount))
    return cleaned


@transaction.atomic
def record_executive_compensation(
    actor, *, organization_id, answered_on, mostly_federal: bool, federal_25m: bool, officers=()
) -> ExecutiveCompensation:
    """The subrecipient's answers as of ``answered_on``; the top five only when both are yes."""
    permissions.require(permissions.can_record_executive_compensation(actor))
    org = Organization.objects.filter(
        pk=organization_id, kind=OrganizationKind.SUBRECIPIENT
    ).first()
    errors = {}
    if org is None:
        errors["organization"] = "Choose a subrecipient."
    if not isinstance(answered_on, dt.date):
        errors["answered_on"] = "Enter the day of the answers."
    else:
        errors.update(future_refusal(answered_on, "answered_on", FUTURE))
    for field, value in (("mostly_federal", mostly_federal), ("federal_25m", federal_25m)):
        if not isinstance(value, bool):
            errors[field] = "Answer yes or no."
    required = mostly_federal is True and federal_25m is True
    cleaned = _officers(officers, required, errors)
    if errors:
        raise ValidationError(errors)
    answers = ExecutiveCompensation(
        organization=org,
        answered_on=answered_on,
        mostly_federal=mostly_federal,
        federal_25m=federal_25m,
        recorded_by=actor,
    )
    save(answers, actor, "Executive-compensation answers recorded")
    for rank, (name, amount) in enumerate(cleaned, start=1):
        ExecutiveOfficer.objects.create(answers=answers, rank=rank, name=name, compensation=amount)
    return answers


__all__ = ["record_executive_compensation", "report_ffata"]
