"""A subaward's identity: its number, the subrecipient, the state award's Subawards line."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from grants.models import AppendOnlyQuerySet, BudgetLine, Obligation
from organizations.models import Organization
from voca.clock import now

from ..workflows import IN_FORCE, ClaimFrequency


class SubawardQuerySet(AppendOnlyQuerySet):
    def of_organization(self, organization):
        return self.filter(subrecipient=organization)

    def with_current(self):
        return self.select_related("subrecipient", "line__award")


class Subaward(models.Model):
    """One subaward from exactly one federal award: a subrecipient funded from two awards has two.

    The figures and terms live in its versions (``SubawardVersion``); this row never changes
    once its money is obligated but for the obligation it is linked to."""

    number = models.CharField(max_length=20, unique=True, help_text='e.g. "SUB-2026-001"')
    subrecipient = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="subawards"
    )
    line = models.ForeignKey(
        BudgetLine,
        on_delete=models.PROTECT,
        related_name="subawards",
        verbose_name="budget line of the state's award",
    )
    # The money: obligated when the subaward is issued, changed by increases and decreases
    # (grants.operations.obligations), counted once by the state award's line balance.
    obligation = models.OneToOneField(
        Obligation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subaward",
        editable=False,
    )
    # How often the subrecipient claims reimbursement (subawards.operations.claims).
    claim_frequency = models.CharField(
        max_length=10, choices=ClaimFrequency.choices, default=ClaimFrequency.MONTHLY
    )
    created_at = models.DateTimeField(default=now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = SubawardQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-number"]
        permissions = [
            ("issue_subaward", "Issue subawards and their amendments"),
            ("decide_subaward_revision", "Approve or reject a subrecipient's budget revision"),
        ]

    def __str__(self):
        return self.number

    @property
    def award(self):
        return self.line.award

    def current_version(self):
        """The latest issued or approved version (None before the subaward is issued)."""
        return self.versions.filter(status__in=sorted(IN_FORCE)).order_by("-number").first()

    def latest_version(self):
        return self.versions.order_by("-number").first()
