"""A subrecipient's quarterly performance report: one per subaward and federal quarter.

Only aggregates are stored (the PMT questions' counts, as ``grants.reports.pmt.PmtData`` holds
them): no client, contact or row of the agency's records ever leaves it (28 CFR 94.115). Every
submission is a round (``QuarterlyRound``) keeping the figures as they were sent; the report moves
through ``performance.workflows.REPORTS`` by the operations alone.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from subawards.models import Subaward
from voca.clock import now
from voca.fiscal import quarter_bounds

from .workflows import DUE_DAYS, REPORTED, FiguresSource, ReportStatus

NOTE_MAX = 2000


def due_on(fiscal_year: int, quarter: int) -> dt.date:
    """A quarter's report is due 30 days after the quarter ends."""
    return quarter_bounds(fiscal_year, quarter)[1] + dt.timedelta(days=DUE_DAYS)


def quarter_label(fiscal_year: int, quarter: int) -> str:
    return f"FY{fiscal_year} Q{quarter}"


class QuarterlyReportQuerySet(models.QuerySet):
    def of_organization(self, organization):
        return self.filter(subaward__subrecipient=organization)

    def for_quarter(self, fiscal_year: int, quarter: int):
        return self.filter(fiscal_year=fiscal_year, quarter=quarter)

    def accepted(self):
        return self.filter(status=ReportStatus.ACCEPTED)

    def reported(self):
        return self.filter(status__in=sorted(REPORTED))

    def late(self):
        return self.filter(late=True)


class QuarterlyReport(models.Model):
    subaward = models.ForeignKey(
        Subaward, on_delete=models.PROTECT, related_name="quarterly_reports"
    )
    fiscal_year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=ReportStatus.choices)
    source = models.CharField(max_length=10, choices=FiguresSource.choices)
    # The figures being prepared (or last sent): PmtData's counts, keyed by the reference lists'
    # labels in force at the quarter's end. Aggregates only.
    figures = models.JSONField(default=dict)
    proration_note = models.TextField(
        "proration note",
        max_length=NOTE_MAX,
        blank=True,
        help_text="Why the demographics tables do not sum to the new individuals, if they do not.",
    )
    round_number = models.PositiveSmallIntegerField(default=0, help_text="Rounds submitted.")
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    prepared_at = models.DateTimeField(default=now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    first_submitted_on = models.DateField(null=True, blank=True)
    # Submitted after the due date (the first submission counts; a correction asked for by the
    # state does not make a report late).
    late = models.BooleanField(default=False)
    returned_reason = models.TextField(max_length=NOTE_MAX, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = QuarterlyReportQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-fiscal_year", "-quarter", "subaward__number"]
        permissions = [
            ("review_quarterly_report", "Return or accept a subrecipient's quarterly report"),
            ("generate_performance_rollup", "Download the state's quarterly performance roll-up"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["subaward", "fiscal_year", "quarter"], name="one_report_per_quarter"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="quarter_one_to_four"
            ),
        ]

    def __str__(self):
        return f"{self.subaward.number} {self.quarter_label}"

    @property
    def quarter_label(self) -> str:
        return quarter_label(self.fiscal_year, self.quarter)

    @property
    def due_on(self) -> dt.date:
        return due_on(self.fiscal_year, self.quarter)

    @property
    def bounds(self) -> tuple[dt.date, dt.date]:
        return quarter_bounds(self.fiscal_year, self.quarter)


class QuarterlyRound(models.Model):
    """One submission of a report: the figures as sent, never changed."""

    report = models.ForeignKey(QuarterlyReport, on_delete=models.PROTECT, related_name="rounds")
    number = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=10, choices=FiguresSource.choices)
    figures = models.JSONField(default=dict)
    proration_note = models.TextField(max_length=NOTE_MAX, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=now)
    late = models.BooleanField(default=False)
    # What the state said of this round when it returned it (empty: accepted or waiting).
    returned_reason = models.TextField(max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="quarterly_round_once")
        ]

    def __str__(self):
        return f"Round {self.number}"
