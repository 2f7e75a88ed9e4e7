"""Single-audit read rules: the threshold (from the Uniform Guidance version, grants' RULES),
whether an audit is required, what this state paid the subrecipient in the year, the deadlines."""

import datetime as dt
from decimal import Decimal

from django.db.models import Sum

from grants.models import UniformGuidance
from grants.models.award import RULES
from subawards.models import Claim, ClaimStatus
from voca.money import round_cents

from .dates import add_months
from .rules import AUDIT_REPORT_MONTHS, MANAGEMENT_DECISION_MONTHS


def audit_threshold(guidance: str) -> Decimal:
    """2 CFR 200.501: $1,000,000 under the 2024 revision, $750,000 before (``grants`` RULES)."""
    return RULES[UniformGuidance(guidance)].single_audit_threshold


def audit_required(expenditures: Decimal, guidance: str) -> bool:
    """A non-federal entity that expends the threshold or more in a year has a single audit."""
    return expenditures >= audit_threshold(guidance)


def fiscal_year_start(fiscal_year_end: dt.date) -> dt.date:
    return add_months(fiscal_year_end, -12) + dt.timedelta(days=1)


def paid_by_state(organization_id, fiscal_year_end: dt.date) -> Decimal:
    """What this state paid the subrecipient's claims in its fiscal year (for comparison with the
    expenditures it reports: this state's share of them)."""
    total = Claim.objects.filter(
        subaward__subrecipient_id=organization_id,
        status=ClaimStatus.PAID,
        paid_on__range=(fiscal_year_start(fiscal_year_end), fiscal_year_end),
    ).aggregate(total=Sum("approved_total"))["total"]
    return round_cents(total or Decimal("0"))


def default_guidance(organization_id, fiscal_year_end: dt.date) -> str:
    """The Uniform Guidance of the state awards funding the subrecipient (the revised rules when
    any of its subawards comes from an award under them); with none yet, the version in force when
    its fiscal year began. The grants manager may choose otherwise on the form."""
    from subawards.models import Subaward

    versions = set(
        Subaward.objects.filter(subrecipient_id=organization_id).values_list(
            "line__award__uniform_guidance", flat=True
        )
    )
    if UniformGuidance.REVISED_2024 in versions:
        return UniformGuidance.REVISED_2024
    if versions:
        return UniformGuidance.EARLIER
    return UniformGuidance.for_start(fiscal_year_start(fiscal_year_end))


def report_due_on(audit) -> dt.date:
    """2 CFR 200.512(a): within nine months of the end of the audited fiscal year."""
    return add_months(audit.fiscal_year_end, AUDIT_REPORT_MONTHS)


def decision_due_on(audit) -> dt.date | None:
    """2 CFR 200.521(d): the management decision within six months of receiving the report."""
    if audit.report_received_on is None:
        return None
    return add_months(audit.report_received_on, MANAGEMENT_DECISION_MONTHS)


def needs_decision(audit) -> bool:
    return bool(audit.report_received_on and audit.has_findings and not audit.decision_on)
