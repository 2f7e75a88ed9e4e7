"""Reimbursement claims: a subrecipient asks to be paid for costs of one period, by cost category.

Every submission is a round (``ClaimRound``) with its own lines, match and documents; a round is
never changed once submitted (a send-back is answered by a new round). The claim moves through
``subawards.workflows.CLAIMS`` by the operations alone; its payment is a paid draw on the state
award's Subawards line (``grants.operations.obligations.pay_obligation``): one ledger.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Case, F, Q, Sum, When
from simple_history.models import HistoricalRecords

from grants.models import CostCategory, MoneyField
from voca.clock import now
from voca.documents import private_storage
from voca.money import round_cents

from ..workflows import CLAIM_APPROVED, CLAIM_REQUESTED, ClaimFrequency, ClaimStatus
from .subawards import Subaward

ZERO = Decimal("0.00")
TEXT_MAX = 2000


class ClaimQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(subaward__subrecipient=organization)

    def for_listing(self):
        return self.select_related("subaward__subrecipient").annotate(
            requested_total=Sum(
                "rounds__lines__requested",
                filter=Q(rounds__number=F("round_number")),
            )
        )


class Claim(models.Model):
    subaward = models.ForeignKey(Subaward, on_delete=models.PROTECT, related_name="claims")
    period_start = models.DateField("period starts")
    period_end = models.DateField("period ends")
    frequency = models.CharField(max_length=10, choices=ClaimFrequency.choices)
    status = models.CharField(max_length=20, choices=ClaimStatus.choices)
    round_number = models.PositiveSmallIntegerField(default=1, help_text="The latest round.")
    # Who and when, each set by its step (the rounds keep every submission).
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=now)
    program_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    program_approved_at = models.DateTimeField(null=True, blank=True)
    finance_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    finance_approved_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved_total = MoneyField("approved", null=True, blank=True)
    # The payment: the paid draw on the state award's Subawards line.
    paid_on = models.DateField(null=True, blank=True)
    payment_reference = models.CharField(max_length=60, blank=True)
    draw = models.OneToOneField(
        "grants.Draw", on_delete=models.PROTECT, null=True, blank=True, related_name="claim"
    )

    objects = ClaimQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-period_start", "-pk"]
        permissions = [
            ("review_claim", "Send back or reject a subrecipient's reimbursement claim"),
            ("approve_claim_program", "Give a reimbursement claim its program approval"),
            ("approve_claim_finance", "Give a reimbursement claim its finance approval"),
            ("pay_claim", "Record the payment of an approved reimbursement claim"),
        ]
        constraints = [
            # One live claim per period; a rejected claim's period may be claimed again.
            models.UniqueConstraint(
                fields=["subaward", "period_start"],
                condition=~Q(status=ClaimStatus.REJECTED),
                name="one_claim_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="claim_period_order"
            ),
        ]
        indexes = [models.Index(fields=["status", "-period_start", "-id"], name="claim_queue")]

    def __str__(self):
        return f"{self.subaward.number} claim {self.period_label}"

    @property
    def period_label(self) -> str:
        start = self.period_start
        if self.frequency == ClaimFrequency.QUARTERLY:
            return f"{start.year} Q{(start.month - 1) // 3 + 1}"
        return f"{start:%B %Y}"

    def current_round(self):
        return self.rounds.get(number=self.round_number)


class ClaimRound(models.Model):
    """One submission of a claim: what was asked for, the match and the documents. Never changed."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=now)
    match_provided = MoneyField("match provided", default=ZERO)
    note = models.TextField("note to the state", max_length=TEXT_MAX, blank=True)

    class Meta:
        ordering = ["claim", "number"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "number"], name="claim_round_once"),
            models.CheckConstraint(condition=Q(match_provided__gte=0), name="match_not_negative"),
        ]

    def __str__(self):
        return f"Round {self.number}"

    def requested(self) -> Decimal:
        return round_cents(sum((line.requested for line in self.lines.all()), ZERO))


class ClaimLine(models.Model):
    """One cost category of a round: asked for by the subrecipient; the approved amount and its
    reason are set once, by the program approval."""

    round = models.ForeignKey(ClaimRound, on_delete=models.PROTECT, related_name="lines")
    category = models.CharField(max_length=20, choices=CostCategory.choices)
    requested = MoneyField("requested")
    approved = MoneyField("approved", null=True, blank=True)
    approval_reason = models.TextField(max_length=TEXT_MAX, blank=True)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "category"], name="claim_category_once"),
            models.CheckConstraint(condition=Q(requested__gt=0), name="claim_line_positive"),
            models.CheckConstraint(
                condition=Q(approved__isnull=True)
                | Q(approved__gte=0, approved__lte=F("requested")),
                name="claim_approved_within_request",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.requested}"


class ClaimDocument(models.Model):
    """A supporting document of a round (a PDF or image), served only by the claim's download view
    to the people ``permissions.can_download_claim_document`` names."""

    round = models.ForeignKey(ClaimRound, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(storage=private_storage, upload_to="claims/%Y/")
    kind = models.CharField(max_length=20)  # "PDF", "PNG image", "JPEG image"
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["round", "pk"]

    def __str__(self):
        # The uploaded name may identify someone: never shown, only the kind and number.
        return f"Document {self.pk} ({self.kind})"


class ClaimComment(models.Model):
    """Why a claim was sent back, rejected or approved in part: one per decision, never edited."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="comments")
    round_number = models.PositiveSmallIntegerField()
    step = models.CharField(max_length=20)
    text = models.TextField(max_length=TEXT_MAX)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["claim", "written_at", "pk"]

    def __str__(self):
        return f"Comment on round {self.round_number}"


def taken_by_category(subaward_id, *, excluding=None, requests=True) -> dict[str, Decimal]:
    """{category: amount} of the subaward's budget that its claims hold: what a submitted claim's
    latest round asks for (unless ``requests`` is false: an approval is weighed against approved
    claims only, so two pending claims never block each other), what an approved or paid one was
    approved for (``CLAIM_REQUESTED``, ``CLAIM_APPROVED``); one query."""
    lines = ClaimLine.objects.filter(
        round__claim__subaward_id=subaward_id, round__number=F("round__claim__round_number")
    )
    if excluding is not None:
        lines = lines.exclude(round__claim_id=excluding)
    counted = [When(round__claim__status__in=sorted(CLAIM_APPROVED), then=F("approved"))]
    if requests:
        counted.append(When(round__claim__status__in=sorted(CLAIM_REQUESTED), then=F("requested")))
    rows = lines.values("category").annotate(taken=Sum(Case(*counted, default=None))).order_by()
    return {row["category"]: round_cents(Decimal(row["taken"] or 0)) for row in rows}


def left_by_category(subaward, *, excluding=None, requests=True) -> dict[str, Decimal]:
    """{category: what is left} of the subaward's current budget after its claims (the same
    figures the form shows and the operations check; see ``taken_by_category``)."""
    version = subaward.current_version()
    budget = version.budget() if version else {}
    taken = taken_by_category(subaward.pk, excluding=excluding, requests=requests)
    return {cat: round_cents(amount - taken.get(cat, ZERO)) for cat, amount in budget.items()}
