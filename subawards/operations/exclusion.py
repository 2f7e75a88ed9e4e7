"""2 CFR 200.332(a) (2024 revision): before a subaward, the subrecipient is checked in SAM.gov.

The check is recorded with who made it, when, the result and the evidence; a subaward (and any
increase) is refused without a recent "not excluded" check or when the latest check says excluded.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from organizations.models import ExclusionCheck, ExclusionResult, Organization, OrganizationKind
from voca import formats
from voca.documents import validate_document
from voca.operations import future_refusal

from .. import permissions
from ..rules import RULES


def exclusion_refusal(organization, on_day: dt.date) -> str:
    """Why ``organization`` may not receive a subaward dated ``on_day``; empty when it may: its
    latest check on or before that day says not excluded and is at most
    ``RULES.exclusion_check_max_age_days`` old."""
    latest = (
        ExclusionCheck.objects.filter(organization=organization, checked_on__lte=on_day)
        .order_by("-checked_on", "-id")
        .first()
    )
    name = organization.legal_name
    max_age = RULES.exclusion_check_max_age_days
    if latest is None:
        return (
            f"No SAM.gov exclusion check of {name} is recorded on or before "
            f"{formats.day(on_day)}: record one (2 CFR 200.332(a)) before the subaward."
        )
    if latest.result == ExclusionResult.EXCLUDED:
        return (
            f"The latest SAM.gov exclusion check of {name} ({formats.day(latest.checked_on)}) "
            "found an active exclusion: no subaward may be made to it."
        )
    if (on_day - latest.checked_on).days > max_age:
        return (
            f"The latest SAM.gov exclusion check of {name} is from "
            f"{formats.day(latest.checked_on)}, more than {max_age} days before "
            f"{formats.day(on_day)}: check SAM.gov again and record it."
        )
    return ""


@transaction.atomic
def record_exclusion_check(
    actor, *, organization_id, checked_on: dt.date, result: str, evidence
) -> ExclusionCheck:
    """Record a SAM.gov exclusion check: who (``actor``), when, the result and the evidence file
    (a PDF or image, ``voca.documents.validate_document``)."""
    permissions.require(permissions.can_record_exclusion_check(actor))
    errors = {}
    organization = (
        Organization.objects.select_for_update()
        .filter(pk=organization_id, kind=OrganizationKind.SUBRECIPIENT)
        .first()
    )
    if organization is None:
        errors["organization"] = "Choose a subrecipient."
    if not isinstance(checked_on, dt.date):
        errors["checked_on"] = "Enter the day SAM.gov was searched."
    else:
        errors.update(
            future_refusal(checked_on, "checked_on", "The check cannot be dated after today.")
        )
    if result not in ExclusionResult.values:
        errors["result"] = "Choose what SAM.gov showed: excluded or not excluded."
    if not evidence:
        errors["evidence"] = "Attach the SAM.gov search result (a PDF or an image)."
    else:
        try:
            validate_document(evidence)
        except ValidationError as error:
            errors["evidence"] = error.messages
    if errors:
        raise ValidationError(errors)
    check = ExclusionCheck(
        organization=organization, checked_on=checked_on, checked_by=actor, result=result
    )
    check.evidence.save(getattr(evidence, "name", "") or "sam-gov-check.pdf", evidence, save=False)
    check.save()
    return check
