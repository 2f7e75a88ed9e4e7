"""Single-audit tracking (2 CFR 200.332(f)-(g), 200.501, 200.521): per subrecipient and fiscal
year, its federal expenditures, whether a single audit is required, the report, its findings and
the state's management decision (due within six months of the report)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from grants.models import MoneyField, UniformGuidance
from organizations.models import Organization
from voca.clock import now

TEXT_MAX = 2000


class SingleAudit(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="single_audits"
    )
    fiscal_year_end = models.DateField("subrecipient's fiscal year ends")
    federal_expenditures = MoneyField("federal expenditures in the year (all sources)")
    uniform_guidance = models.CharField(
        "Uniform Guidance that sets the threshold", max_length=10, choices=UniformGuidance
    )
    report_received_on = models.DateField("audit report received", null=True, blank=True)
    in_clearinghouse = models.BooleanField(
        "found in the Federal Audit Clearinghouse", default=False
    )
    clearinghouse_reference = models.CharField("FAC report ID", max_length=40, blank=True)
    has_findings = models.BooleanField(
        "findings that concern this state's subawards", default=False
    )
    findings = models.TextField("findings", max_length=TEXT_MAX, blank=True)
    decision = models.TextField("management decision", max_length=TEXT_MAX, blank=True)
    decision_on = models.DateField("management decision issued", null=True, blank=True)
    decision_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=now, editable=False)

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        ordering = ["-fiscal_year_end", "organization"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "fiscal_year_end"], name="one_audit_record_per_year"
            )
        ]

    def __str__(self):
        return f"Single audit, fiscal year ending {self.fiscal_year_end:%Y-%m-%d}"
