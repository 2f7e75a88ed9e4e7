"""Single audits: the year's record (expenditures and the rules that set the threshold), the
report received (and found in the Federal Audit Clearinghouse) with its findings, and the state's
management decision."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from grants.models import UniformGuidance
from voca.money import parse_money
from voca.operations import save_with_history

from ..models import SingleAudit
from .base import a_date, field_text, lock_subrecipient, require_monitor

NOT_FUTURE = "This cannot be dated after today ({today})."


def _money(value, errors) -> Decimal | None:
    try:
        amount = parse_money(value)
    except (ValidationError, ValueError, TypeError, ArithmeticError):
        amount = None
    if amount is None or amount < 0:
        errors["federal_expenditures"] = (
            "Enter the federal expenditures as an amount, e.g. 812000.00."
        )
        return None
    return amount


@transaction.atomic
def record_audit_year(
    actor, *, organization_id, fiscal_year_end: dt.date, federal_expenditures, uniform_guidance: str
) -> SingleAudit:
    require_monitor(actor)
    organization = lock_subrecipient(organization_id)
    errors: dict = {}
    a_date(fiscal_year_end, "fiscal_year_end", errors, "Enter the last day of its fiscal year.")
    amount = _money(federal_expenditures, errors)
    if uniform_guidance not in UniformGuidance.values:
        errors["uniform_guidance"] = "Choose the Uniform Guidance version that applies."
    if (
        not errors
        and SingleAudit.objects.filter(
            organization=organization, fiscal_year_end=fiscal_year_end
        ).exists()
    ):
        errors["fiscal_year_end"] = "This fiscal year is already recorded for this subrecipient."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return SingleAudit.objects.create(
                organization=organization,
                fiscal_year_end=fiscal_year_end,
                federal_expenditures=amount,
                uniform_guidance=uniform_guidance,
                created_by=actor,
            )
    except IntegrityError as error:  # a second tab saved the same year meanwhile
        raise ValidationError(
            {"fiscal_year_end": "This fiscal year is already recorded for this subrecipient."}
        ) from error


def _lock(audit_id) -> SingleAudit:
    audit = SingleAudit.objects.select_for_update().filter(pk=audit_id).first()
    if audit is None:
        raise ValidationError("That single-audit record does not exist.")
    return audit


@transaction.atomic
def record_audit_report(
    actor,
    *,
    audit_id,
    received_on: dt.date,
    in_clearinghouse: bool,
    clearinghouse_reference: str = "",
    has_findings: bool,
    findings: str = "",
) -> SingleAudit:
    require_monitor(actor)
    audit = _lock(audit_id)
    errors: dict = {}
    a_date(
        received_on,
        "received_on",
        errors,
        "Enter the day the report was received.",
        not_future=NOT_FUTURE,
    )
    if isinstance(received_on, dt.date) and received_on <= audit.fiscal_year_end:
        errors["received_on"] = "A report comes after the end of the fiscal year it audits."
    reference = field_text(
        clearinghouse_reference, SingleAudit, "clearinghouse_reference", errors=errors
    )
    findings = field_text(findings, SingleAudit, "findings", multiline=True, errors=errors)
    if has_findings and not findings and "findings" not in errors:
        errors["findings"] = "Summarize the findings that concern this state's subawards."
    if audit.decision_on:
        errors["__all__"] = "The management decision is made: the report is not changed."
    if errors:
        raise ValidationError(errors)
    audit.report_received_on = received_on
    audit.in_clearinghouse = bool(in_clearinghouse)
    audit.clearinghouse_reference = reference
    audit.has_findings = bool(has_findings)
    audit.findings = findings
    save_with_history(audit, actor=actor, reason="Audit report received")
    return audit


@transaction.atomic
def record_management_decision(actor, *, audit_id, decision: str, decided_on: dt.date):
    """2 CFR 200.521: the state's decision on the findings, within six months of the report."""
    require_monitor(actor)
    audit = _lock(audit_id)
    errors: dict = {}
    if audit.report_received_on is None or not audit.has_findings:
        raise ValidationError("A management decision answers the findings of a report received.")
    if audit.decision_on:
        raise ValidationError("The management decision is already recorded.")
    decision = field_text(decision, SingleAudit, "decision", multiline=True, errors=errors)
    if not decision and "decision" not in errors:
        errors["decision"] = (
            "Write the decision: whether each finding is sustained, and the action."
        )
    a_date(
        decided_on, "decided_on", errors, "Enter the day of the decision.", not_future=NOT_FUTURE
    )
    if isinstance(decided_on, dt.date) and decided_on < audit.report_received_on:
        errors["decided_on"] = "The decision comes on or after the day the report was received."
    if errors:
        raise ValidationError(errors)
    audit.decision, audit.decision_on, audit.decision_by = decision, decided_on, actor
    save_with_history(audit, actor=actor, reason="Management decision issued")
    return audit
