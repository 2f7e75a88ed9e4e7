"""The Subgrant Award Report (SAR) of a subaward: one per subaward (a subaward comes from exactly
one federal award), due within 90 days of the subaward's start.

The state's part (award number, subrecipient, contact, type, service area, funds, period,
purpose) is never typed: it is read from the subaward's version in force and the subrecipient's
record (``subawards.reports.sar.state_part``), and kept as it was reported once the state enters
it in PMT. The subrecipient's part (its victim-services budget by source, staff, volunteers) is
this row's; a subaward with no row yet has its state part ready and waits for the subrecipient.
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from grants.models import MoneyField
from voca.clock import now

from ..funder_workflows import SarStatus
from ..workflows import IN_FORCE
from .subawards import Subaward

# OVC: the SAR is filed within 90 days of the subaward's start.
SAR_DUE_DAYS = 90
ZERO = Decimal("0.00")

# The subrecipient's victim-services budget by funding source: (field, label as PMT asks it).
BUDGET_SOURCES = (
    ("budget_voca", "VOCA (this and other VOCA subawards)"),
    ("budget_other_federal", "Other federal funds"),
    ("budget_state", "State funds"),
    ("budget_local", "Local (county, city) funds"),
    ("budget_private", "Private funds (foundations, donations)"),
    ("budget_other", "Other sources"),
)
# Its people: (field, label); counts are whole numbers, FTE two decimals.
STAFFING = (
    ("paid_staff", "Paid staff (people)"),
    ("paid_staff_fte", "Paid staff (FTE)"),
    ("volunteers", "Volunteers (people)"),
    ("volunteer_fte", "Volunteers (FTE)"),
)
COUNTS = ("paid_staff", "volunteers")


def sar_start(subaward) -> dt.date | None:
    """The subaward's start: the period of performance of its first version in force."""
    first = (
        subaward.versions.filter(status__in=sorted(IN_FORCE))
        .order_by("number")
        .only("period_start")
    ).first()
    return first.period_start if first else None


def sar_due_on(start: dt.date | None) -> dt.date | None:
    return start + dt.timedelta(days=SAR_DUE_DAYS) if start else None


class SubgrantAwardReport(models.Model):
    subaward = models.OneToOneField(Subaward, on_delete=models.PROTECT, related_name="sar")
    status = models.CharField(max_length=10, choices=SarStatus.choices, default=SarStatus.READY)
    # The subrecipient's part.
    budget_voca = MoneyField(BUDGET_SOURCES[0][1], default=ZERO)
    budget_other_federal = MoneyField(BUDGET_SOURCES[1][1], default=ZERO)
    budget_state = MoneyField(BUDGET_SOURCES[2][1], default=ZERO)
    budget_local = MoneyField(BUDGET_SOURCES[3][1], default=ZERO)
    budget_private = MoneyField(BUDGET_SOURCES[4][1], default=ZERO)
    budget_other = MoneyField(BUDGET_SOURCES[5][1], default=ZERO)
    paid_staff = models.PositiveIntegerField(STAFFING[0][1], default=0)
    paid_staff_fte = models.DecimalField(
        STAFFING[1][1], max_digits=7, decimal_places=2, default=ZERO
    )
    volunteers = models.PositiveIntegerField(STAFFING[2][1], default=0)
    volunteer_fte = models.DecimalField(
        STAFFING[3][1], max_digits=7, decimal_places=2, default=ZERO
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Reported in PMT by the state: who, when, and the state's part exactly as it was entered.
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_on = models.DateField("entered in PMT on", null=True, blank=True)
    reported_state_part = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=now, editable=False)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = "subgrant award report (SAR)"
        verbose_name_plural = "subgrant award reports (SARs)"
        permissions = [("report_subgrantawardreport", "Mark SARs reported in OVC's PMT")]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    budget_voca__gte=0,
                    budget_other_federal__gte=0,
                    budget_state__gte=0,
                    budget_local__gte=0,
                    budget_private__gte=0,
                    budget_other__gte=0,
                    paid_staff_fte__gte=0,
                    volunteer_fte__gte=0,
                ),
                name="sar_figures_not_negative",
            ),
        ]

    def __str__(self):
        return f"SAR {self.subaward.number}"

    @property
    def total_budget(self) -> Decimal:
        return sum((getattr(self, name) for name, _label in BUDGET_SOURCES), ZERO)
