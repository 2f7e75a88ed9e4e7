"""The state's monitoring policy, declared once: the risk factors, the levels a total score gives,
the monitoring plan of each level, the site-visit checklist and the deadlines.

States differ (2 CFR 200.332(c) leaves the method to the pass-through entity), so these are
tables a state changes here, never numbers spelled in the operations or screens.
"""

from dataclasses import dataclass

from django.db import models


class RiskLevel(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


@dataclass(frozen=True)
class RiskFactor:
    key: str
    label: str
    # What the assessor answers (entered factors) or what the system counted (computed ones).
    question: str
    # Computed factors are scored from the records (monitoring.factors.COMPUTED); the others are
    # entered by the grants manager with a note saying why.
    computed: bool = False


# Each factor is scored 0 (no risk) to MAX_SCORE (high risk).
MAX_SCORE = 3
SCORE_CHOICES = [
    (0, "0: no concern"),
    (1, "1: minor"),
    (2, "2: significant"),
    (3, "3: serious"),
]

# 2 CFR 200.332(c) as revised in 2024: prior experience, audit results, new key staff or systems,
# federal monitoring results, fraud risk; the state adds its own record of the subrecipient.
FACTORS: tuple[RiskFactor, ...] = (
    RiskFactor(
        "prior_experience",
        "Prior experience with federal awards",
        "Has the agency managed the same or similar federal awards well?",
    ),
    RiskFactor(
        "audit_results",
        "Audit results",
        "Single audit or other audits: findings, questioned costs, going-concern notes.",
    ),
    RiskFactor("new_key_staff", "New key staff", "Has the director or finance lead changed?"),
    RiskFactor("new_systems", "New systems", "New accounting, timekeeping or case systems?"),
    RiskFactor(
        "fraud_risk",
        "Fraud risk indicators",
        "Weak separation of duties, unexplained transactions, tips or complaints.",
    ),
    RiskFactor(
        "federal_monitoring",
        "Federal monitoring results",
        "Results of monitoring by a federal agency (e.g. OVC site visits), if any.",
    ),
    RiskFactor(
        "late_reports",
        "Late reports",
        "Claims (and reports) submitted late in the last 12 months.",
        computed=True,
    ),
    RiskFactor(
        "claims_sent_back",
        "Claims sent back or rejected",
        "Claims the state sent back or rejected in the last 12 months.",
        computed=True,
    ),
    RiskFactor(
        "budget_variance",
        "Budget variance",
        "How far claimed spending is from the share of the period elapsed.",
        computed=True,
    ),
)
FACTORS_BY_KEY = {f.key: f for f in FACTORS}
ENTERED = tuple(f for f in FACTORS if not f.computed)

# Total score -> level: the first row whose lower bound the total reaches, from the top.
LEVELS: tuple[tuple[int, RiskLevel], ...] = (
    (15, RiskLevel.HIGH),
    (8, RiskLevel.MEDIUM),
    (0, RiskLevel.LOW),
)


def level_for(total: int) -> RiskLevel:
    for lowest, level in LEVELS:
        if total >= lowest:
            return level
    return RiskLevel.LOW


@dataclass(frozen=True)
class MonitoringPlan:
    desk_reviews_per_year: int
    site_visit: bool
    conditions: tuple[str, ...]  # specific conditions suggested for the subaward (2 CFR 200.208)


PLANS = {
    RiskLevel.LOW: MonitoringPlan(1, False, ()),
    RiskLevel.MEDIUM: MonitoringPlan(
        2, True, ("Supporting documents (payroll, receipts) attached to every claim.",)
    ),
    RiskLevel.HIGH: MonitoringPlan(
        4,
        True,
        (
            "Supporting documents (payroll, receipts) attached to every claim.",
            "Claims monthly, reimbursement only (no advance).",
            "Finance staff attend the state's financial-management training within 90 days.",
        ),
    ),
}

# Site visit checklist: each item answered met / not met / not applicable, with a note.
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("timesheets", "Timesheets support the personnel costs claimed"),
    ("receipts", "Receipts and invoices support the other costs claimed"),
    ("match", "Match is documented (cash and in-kind, volunteer hours)"),
    ("volunteers", "Volunteers are used in service delivery (or the state waived it)"),
    ("confidentiality", "Victims' identifying information is kept confidential (28 CFR 94.115)"),
    ("free_services", "Services are free of charge to victims (28 CFR 94.117)"),
    ("policies", "Written financial policies, with separation of duties"),
    ("equipment", "Equipment bought with VOCA funds is inventoried and in use"),
    ("acknowledgement", "Publications acknowledge VOCA funding"),
    ("civil_rights", "Civil-rights notice and language access for people with limited English"),
)
CHECKLIST_LABELS = dict(CHECKLIST)


class Answer(models.TextChoices):
    MET = "met", "Met"
    NOT_MET = "not_met", "Not met"
    NOT_APPLICABLE = "na", "Not applicable"


# A risk assessment is renewed every year (and made before the first subaward).
ASSESSMENT_VALID_DAYS = 365
# A claim is late when submitted more than this many days after its period ends (the state's rule).
CLAIM_LATE_AFTER_DAYS = 30
# What the computed factors look back over.
LOOKBACK_DAYS = 365
# 2 CFR 200.521(d): the management decision on audit findings within six months of the report.
MANAGEMENT_DECISION_MONTHS = 6
# 2 CFR 200.512(a): the single audit reaches the clearinghouse within nine months of the FY's end.
AUDIT_REPORT_MONTHS = 9
