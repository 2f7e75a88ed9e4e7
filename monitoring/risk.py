"""What a risk assessment says and when the next is due: the read rules the operation, the due
list and the subaward's issue page share."""

import datetime as dt

from voca import formats

from .factors import COMPUTED, Computed
from .models import RiskAssessment
from .rules import ASSESSMENT_VALID_DAYS


def computed_factors(organization, day: dt.date) -> dict[str, Computed]:
    """Every computed factor of ``organization`` on ``day`` (``factors.COMPUTED``)."""
    return {key: compute(organization, day) for key, compute in COMPUTED.items()}


def current_assessment(organization_id, day: dt.date):
    """The latest assessment on or before ``day`` if it is within ASSESSMENT_VALID_DAYS."""
    latest = RiskAssessment.objects.latest_of(organization_id, on_or_before=day)
    if latest and (day - latest.assessed_on).days <= ASSESSMENT_VALID_DAYS:
        return latest
    return None


def next_assessment_due(organization_id) -> dt.date | None:
    latest = RiskAssessment.objects.latest_of(organization_id)
    return latest.assessed_on + dt.timedelta(days=ASSESSMENT_VALID_DAYS) if latest else None


def missing_assessment_warning(organization, day: dt.date) -> str:
    """Why a subaward to ``organization`` on ``day`` lacks its risk assessment; empty when not."""
    if current_assessment(organization.pk, day):
        return ""
    return (
        f"No risk assessment of {organization.legal_name} within the 12 months before "
        f"{formats.day(day)}: 2 CFR 200.332(c) requires one before the subaward (Monitoring → "
        "Subrecipients → Assess risk). Missing risk-assessment documentation is the most common "
        "audit finding."
    )


def issue_warning(version) -> str:
    """The subaward issue page's warning (registered in ``subawards.checks.ISSUE_WARNINGS``)."""
    from voca.clock import local_today

    return missing_assessment_warning(version.subaward.subrecipient, local_today())
