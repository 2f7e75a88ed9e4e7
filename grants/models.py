"""The VOCA award and the money charged to it.

Every row here is written only by ``grants.operations``: one transaction, locks, validation,
the acting user and a reason. Rows are never deleted and paid draws never change; history lives in
the django-simple-history tables, which ``grants.ledger`` reads to reconstruct past balances.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Round
from simple_history.models import HistoricalRecords

from voca.money import round_cents

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# The longest reason kept (TextFields, history change reasons); voca.text enforces it.
REASON_MAX = 1000


def MoneyField(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


def _cents(total) -> Decimal:
    """A database sum as whole cents (SQLite returns sums of DECIMAL columns with stray digits)."""
    return Decimal(total or 0).quantize(CENT)


def _two_decimals(field: str) -> Q:
    return Q(**{field: Round(models.F(field), 2)})


class AppendOnlyQuerySet(models.QuerySet):
    """Money rows are corrected by new entries, never removed or rewritten in bulk."""

    def delete(self):
        raise ValidationError("Money records are never deleted; record a correcting entry.")

    def update(self, **kwargs):
        raise ValidationError("Money records change one at a time through grants.operations.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise ValidationError("Money records are never deleted; record a correcting entry.")


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


class CostCategory(models.TextChoices):
    PERSONNEL = "personnel", "Personnel"
    FRINGE = "fringe", "Fringe Benefits"
    TRAVEL = "travel", "Travel"
    EQUIPMENT = "equipment", "Equipment"
    SUPPLIES = "supplies", "Supplies"
    CONTRACTUAL = "contractual", "Contractual/Consultants"
    OTHER = "other", "Other"
    INDIRECT = "indirect", "Indirect"


class Award(AppendOnlyModel):
    federal_award_number = models.CharField(max_length=60, unique=True)
    funder = models.CharField(
        max_length=200, default="Office for Victims of Crime, U.S. Department of Justice"
    )
    administering_agency = models.CharField(max_length=200)
    federal_fiscal_year = models.PositiveSmallIntegerField()
    total_amount = MoneyField("total federal amount")
    period_start = models.DateField("period of performance starts")
    period_end = models.DateField("period of performance ends")
    match_rate = models.DecimalField(
        "required match (share of total project cost)",
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.2000"),
    )
    match_waiver_percent = models.DecimalField(
        "match waived (%)", max_digits=5, decimal_places=2, default=ZERO
    )
    match_waiver_reference = models.CharField(max_length=200, blank=True)
    indirect_cost_rate = models.DecimalField(
        "indirect cost rate (%)", max_digits=5, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_amount__gt=0) & _two_decimals("total_amount"),
                name="award_total_positive_cents",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=models.F("period_start")), name="award_period_order"
            ),
            models.CheckConstraint(
                condition=Q(match_rate__gte=0, match_rate__lt=1), name="award_match_rate_range"
            ),
            models.CheckConstraint(
                condition=Q(match_waiver_percent__gte=0, match_waiver_percent__lte=100),
                name="award_match_waiver_range",
            ),
        ]

    def __str__(self):
        return f"{self.federal_award_number} (FY{self.federal_fiscal_year})"

    @property
    def required_match(self) -> Decimal:
        """Match on total project cost: federal / (1 - rate) * rate, less any waiver."""
        if not self.match_rate:
            return ZERO
        full = self.total_amount / (1 - self.match_rate) * self.match_rate
        return round_cents(full * (100 - self.match_waiver_percent) / 100)

    def contains(self, day) -> bool:
        return self.period_start <= day <= self.period_end


class BudgetLine(AppendOnlyModel):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="lines")
    category = models.CharField("federal cost category", max_length=20, choices=CostCategory)
    program = models.CharField(max_length=100, help_text="e.g. Victim Service Days")
    description = models.CharField(max_length=200)
    amount = MoneyField("approved amount")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["award", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & _two_decimals("amount"),
                name="line_amount_not_negative_cents",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} - {self.program}: {self.description}"

    def paid(self) -> Decimal:
        return self.draws.paid_total()

    def committed(self) -> Decimal:
        return self.draws.committed_total()

    def remaining(self) -> Decimal:
        return self.amount - self.paid() - self.committed()


class RevisionStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class BudgetRevision(AppendOnlyModel):
    """Moves approved budget between lines of one award (or from the award's unbudgeted balance)."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="revisions")
    from_line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="revisions_out",
        null=True,
        blank=True,
        help_text="Leave empty to budget money not yet assigned to any line.",
    )
    to_line = models.ForeignKey(BudgetLine, on_delete=models.PROTECT, related_name="revisions_in")
    amount = MoneyField("amount")
    reason = models.TextField()
    status = models.CharField(
        max_length=12, choices=RevisionStatus, default=RevisionStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-requested_at", "-pk"]
        permissions = [("approve_budgetrevision", "Can approve or reject budget revisions")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0) & _two_decimals("amount"),
                name="revision_amount_positive_cents",
            ),
            models.CheckConstraint(
                condition=~Q(from_line=models.F("to_line")), name="revision_two_lines"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("requested_by")),
                name="revision_requester_not_decider",
            ),
        ]

    def __str__(self):
        return f"Budget revision #{self.pk}: ${self.amount:,.2f} ({self.get_status_display()})"


class DrawStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"
    REJECTED = "rejected", "Rejected"


COMMITTED_STATUSES = (DrawStatus.SUBMITTED, DrawStatus.APPROVED)


class DrawQuerySet(AppendOnlyQuerySet):
    def paid(self):
        return self.filter(status=DrawStatus.PAID)

    def committed(self):
        return self.filter(status__in=COMMITTED_STATUSES)

    def paid_total(self) -> Decimal:
        return _cents(self.paid().aggregate(s=Sum("amount"))["s"])

    def committed_total(self) -> Decimal:
        return _cents(self.committed().aggregate(s=Sum("amount"))["s"])

    def used_total(self) -> Decimal:
        """Paid plus committed: what a line can no longer spend."""
        used = self.filter(status__in=(DrawStatus.PAID, *COMMITTED_STATUSES))
        return _cents(used.aggregate(s=Sum("amount"))["s"])


class Draw(AppendOnlyModel):
    """A cost charged to the award. Reversals are paid entries of the opposite sign."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="draws")
    line = models.ForeignKey(
        BudgetLine, on_delete=models.PROTECT, related_name="draws", verbose_name="budget line"
    )
    incurred_on = models.DateField("date incurred")
    month = models.DateField("month it belongs to", help_text="First day of the month.")
    amount = MoneyField("amount")
    payee = models.CharField(max_length=200)
    description = models.CharField(max_length=300)
    document = models.FileField(
        "supporting document", storage=private_storage, upload_to="draws/%Y/%m/", blank=True
    )
    status = models.CharField(max_length=12, choices=DrawStatus, default=DrawStatus.DRAFT)
    reverses = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="reversal"
    )
    reason = models.TextField(blank=True, help_text="Why it was rejected, or why it reverses.")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    rejected_at = models.DateTimeField(null=True, blank=True)

    objects = DrawQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-month", "-pk"]
        permissions = [
            ("submit_draw", "Can submit draws for approval"),
            ("approve_draw", "Can approve or reject draws"),
            ("pay_draw", "Can record draws as paid"),
            ("reverse_draw", "Can reverse paid draws"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=_two_decimals("amount")
                & (
                    Q(reverses__isnull=True, amount__gt=0)
                    | Q(reverses__isnull=False, amount__lt=0, status=DrawStatus.PAID)
                ),
                name="draw_amount_positive_cents_or_reversal",
            ),
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True)
                | Q(reverses__isnull=False)
                | ~Q(approved_by=models.F("submitted_by")),
                name="draw_submitter_not_approver",
            ),
            models.CheckConstraint(
                condition=~Q(status=DrawStatus.REJECTED) | ~Q(reason=""),
                name="draw_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(reverses__isnull=True) | ~Q(reason=""),
                name="draw_reversal_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["line", "status"])]

    def __str__(self):
        kind = "Reversal" if self.reverses_id else "Draw"
        return f"{kind} #{self.pk}: ${self.amount:,.2f} ({self.get_status_display()})"

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def is_committed(self) -> bool:
        return self.status in COMMITTED_STATUSES


class MatchKind(models.TextChoices):
    CASH = "cash", "Cash"
    VOLUNTEER = "volunteer", "Volunteer hours"
    SPACE = "space", "Donated space"
    GOODS = "goods", "Donated goods or services"
    OTHER = "other", "Other in-kind"


class MatchContribution(AppendOnlyModel):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="match_contributions")
    contributed_on = models.DateField("date")
    kind = models.CharField(max_length=12, choices=MatchKind)
    hours = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    hourly_rate = MoneyField("rate per hour", null=True, blank=True)
    value = MoneyField("value")
    description = models.CharField(max_length=300)
    document = models.FileField(
        "supporting document", storage=private_storage, upload_to="match/%Y/%m/", blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-contributed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gt=0) & _two_decimals("value"), name="match_value_positive_cents"
            ),
            models.CheckConstraint(
                condition=~Q(kind=MatchKind.VOLUNTEER) | Q(hours__gt=0, hourly_rate__gt=0),
                name="match_volunteer_hours_and_rate",
            ),
        ]

    def __str__(self):
        return f"Match #{self.pk}: {self.get_kind_display()} ${self.value:,.2f}"


from .export_models import ExportLog, GeneratedExport  # noqa: E402, F401 (registers the export models)
