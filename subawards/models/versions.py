"""Every issue or amendment of a subaward is a new version, holding every data element.

Versions are only added; a version's figures never change after it leaves the draft. Its status
moves through ``subawards.workflows.VERSIONS`` (by the operations alone)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from grants.models import CostCategory, MoneyField
from voca.clock import now
from voca.documents import private_storage
from voca.money import round_cents

from ..rules import RULES
from ..workflows import IN_FORCE, VersionKind, VersionStatus
from .subawards import Subaward

ZERO = Decimal("0.00")


class IndirectRateKind(models.TextChoices):
    NONE = "none", "No indirect costs"
    DE_MINIMIS = "de_minimis", "De minimis rate (of modified total direct costs)"
    NEGOTIATED = "negotiated", "Negotiated indirect cost rate agreement"


class SubawardVersion(models.Model):
    subaward = models.ForeignKey(Subaward, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(help_text="1 for the subaward, then each amendment.")
    kind = models.CharField(max_length=20, choices=VersionKind.choices)
    status = models.CharField(max_length=12, choices=VersionStatus.choices)
    reason = models.TextField(
        max_length=1000, help_text="Why this version: kept in the audit trail."
    )
    # 2 CFR 200.332(b)(1): the data elements, as they stand in this version.
    subrecipient_name = models.CharField("subrecipient (as in SAM.gov)", max_length=200)
    subrecipient_uei = models.CharField("subrecipient UEI", max_length=12)
    fain = models.CharField("federal award identification number (FAIN)", max_length=60)
    federal_award_date = models.DateField("federal award date")
    period_start = models.DateField("period of performance starts")
    period_end = models.DateField("period of performance ends")
    budget_period_start = models.DateField("budget period starts")
    budget_period_end = models.DateField("budget period ends")
    amount_this_action = MoneyField(
        "federal funds obligated by this action", help_text="Negative for a de-obligation."
    )
    total_obligated = MoneyField("total federal funds obligated")
    total_committed = MoneyField("total federal funds committed")
    project_description = models.TextField(max_length=2000)
    awarding_agency = models.CharField("federal awarding agency", max_length=200)
    pass_through_entity = models.CharField(max_length=200)
    pass_through_contact = models.CharField(
        "pass-through contact", max_length=300, help_text="Name, title, e-mail and phone."
    )
    assistance_listing = models.CharField(max_length=10, default=RULES.assistance_listing)
    is_research = models.BooleanField("research and development", default=False)
    indirect_rate_kind = models.CharField(
        "indirect cost rate", max_length=12, choices=IndirectRateKind.choices
    )
    indirect_rate = models.DecimalField(
        "indirect cost rate (%)", max_digits=5, decimal_places=2, default=ZERO
    )
    # 28 CFR 94.118: match on total project cost, less what the state waived and why.
    match_required = MoneyField("match required (before any waiver)")
    match_waived = MoneyField("match waived", default=ZERO)
    match_waiver_reason = models.TextField(max_length=1000, blank=True)
    match_waiver_decision = models.TextField(max_length=1000, blank=True)
    match_waiver_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A budget revision that moves more than the rules allow, adds a line, equipment or an
    # indirect change: the state decides it (the reasons are kept).
    needs_state_approval = models.BooleanField(default=False)
    approval_reasons = models.TextField(max_length=1000, blank=True)
    # Who and when.
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(default=now, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=1000, blank=True)
    effective_on = models.DateField(
        "date of this action", null=True, blank=True, help_text="The day it was issued/approved."
    )
    # The subaward document, issued (stored and numbered) for every version in force.
    document = models.FileField(
        storage=private_storage, upload_to="subawards/%Y/", blank=True, editable=False
    )
    document_number = models.CharField(max_length=30, blank=True, editable=False)
    document_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["subaward", "number"]
        get_latest_by = "number"
        constraints = [
            models.UniqueConstraint(fields=["subaward", "number"], name="subaward_version_once"),
            models.CheckConstraint(
                condition=Q(total_obligated__gte=0)
                & Q(total_committed__gte=models.F("total_obligated")),
                name="subaward_totals_order",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="subaward_period_order",
            ),
            models.CheckConstraint(
                condition=Q(match_waived__gte=0, match_waived__lte=models.F("match_required")),
                name="subaward_waiver_within_match",
            ),
        ]

    def __str__(self):
        return f"{self.subaward.number} v{self.number} ({self.get_kind_display()})"

    @property
    def is_in_force(self) -> bool:
        return self.status in IN_FORCE

    @property
    def match_due(self) -> Decimal:
        """The match the subrecipient must provide: required less waived."""
        return self.match_required - self.match_waived

    @property
    def total_project_cost(self) -> Decimal:
        return round_cents(self.total_obligated + self.match_required)

    @property
    def mtdc_counted(self) -> Decimal:
        """The part of this subaward the state's MTDC base counts: the first
        ``subaward_base_cap`` of the federal award's Uniform Guidance ($50,000 under the
        2024 revision, $25,000 before)."""
        portion = self.subaward.line.award.rules.subaward_base_cap
        return min(self.total_obligated, portion)

    @property
    def ffata_reportable(self) -> bool:
        """FFATA: a subaward of ``RULES.ffata_threshold`` or more is reported in SAM.gov."""
        return self.total_obligated >= RULES.ffata_threshold

    def budget(self) -> dict[str, Decimal]:
        """{cost category: amount} of this version's budget."""
        return {line.category: line.amount for line in self.budget_lines.all()}


class SubawardBudgetLine(models.Model):
    """One federal cost category of a version's budget (rows are only added, with the version)."""

    version = models.ForeignKey(
        SubawardVersion, on_delete=models.PROTECT, related_name="budget_lines"
    )
    category = models.CharField(max_length=20, choices=CostCategory.choices)
    amount = MoneyField("amount")
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["version", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "category"], name="budget_category_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.amount}"
