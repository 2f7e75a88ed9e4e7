"""The only writes of quarterly performance reports: prepare the figures (typed in, or counted
from the agency's own contacts), submit them, and the state's return or acceptance.

Each runs in one transaction, locks the subaward then the report, validates through the one rule
book (``grants.reports.pmt_checks.figures_refusals``) and saves nothing on bad input; every change
is saved with who and why (history), every submission kept as a round.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from grants.models import REASON_MAX
from grants.reports.pmt_checks import figures_refusals
from subawards.operations.base import lock_subaward
from voca import clock
from voca import operations as kit
from voca.fiscal import quarter_bounds

from . import figures as pmt_figures
from . import permissions
from .models import QuarterlyReport, QuarterlyRound, quarter_label
from .workflows import AGENCY_STEPS, REPORTS, FiguresSource, ReportStatus


def _reason(reason: str, required: str = "") -> str:
    return kit.reason_text(reason, max_length=REASON_MAX, required=required)


def _save(obj, actor, reason: str) -> None:
    kit.save_with_history(obj, actor=actor, reason=reason, check_fields=True)


def quarter_refusal(subaward, fiscal_year: int, quarter: int) -> str:
    """Why a quarter is not reported on this subaward now (empty when it may be): a quarter is
    reported once it has ended, and only within the subaward's period of performance."""
    if quarter not in (1, 2, 3, 4) or not 2000 <= fiscal_year <= 2100:
        return "Choose a federal fiscal year and a quarter from 1 to 4."
    start, end = quarter_bounds(fiscal_year, quarter)
    label = quarter_label(fiscal_year, quarter)
    if end >= clock.local_today():
        return (
            f"{label} has not ended yet (it ends on {end:%d %B %Y}): its figures are reported "
            "once it is over."
        )
    version = subaward.current_version()
    if version and (end < version.period_start or start > version.period_end):
        return (
            f"{label} is outside {subaward.number}'s period of performance "
            f"({version.period_start:%d %b %Y} - {version.period_end:%d %b %Y})."
        )
    return ""


def _lock_report(report_id) -> QuarterlyReport:
    subaward_id = (
        QuarterlyReport.objects.filter(pk=report_id).values_list("subaward_id", flat=True).first()
    )
    if subaward_id is None:
        raise ValidationError("That quarterly report does not exist.")
    lock_subaward(subaward_id)
    return QuarterlyReport.objects.select_for_update().select_related("subaward").get(pk=report_id)


def _check(data) -> None:
    if refusals := figures_refusals(data):
        raise ValidationError({"__all__": refusals})


def _store(actor, subaward, fiscal_year, quarter, data, source, reason) -> QuarterlyReport:
    """Save the figures on the quarter's report (made now if need be): only a draft or a returned
    report is changed."""
    report = (
        QuarterlyReport.objects.select_for_update()
        .filter(subaward=subaward, fiscal_year=fiscal_year, quarter=quarter)
        .first()
    )
    if report is None:
        report = QuarterlyReport(
            subaward=subaward,
            fiscal_year=fiscal_year,
            quarter=quarter,
            status=ReportStatus.DRAFT,
            prepared_by=actor,
        )
    else:
        REPORTS.check_editable(report)
    report.source = source
    report.figures = pmt_figures.to_json(data)
    report.proration_note = data.proration_note
    report.prepared_by, report.prepared_at = actor, clock.now()
    _save(report, actor, reason)
    return report


def _open(actor, subaward_id, fiscal_year, quarter):
    subaward = lock_subaward(subaward_id)
    permissions.require(permissions.can_prepare(actor, subaward))
    if refusal := quarter_refusal(subaward, fiscal_year, quarter):
        raise ValidationError(refusal)
    return subaward


@transaction.atomic
def enter_figures(
    actor, *, subaward_id, fiscal_year: int, quarter: int, values: dict, proration_note=""
) -> QuarterlyReport:
    """The quarter's figures typed in as aggregates (``values``: the form's field -> text)."""
    subaward = _open(actor, subaward_id, fiscal_year, quarter)
    note = kit.field_text(proration_note, QuarterlyReport, "proration_note", multiline=True)
    end = quarter_bounds(fiscal_year, quarter)[1]
    data = pmt_figures.entered(values, end, note)
    _check(data)
    return _store(
        actor, subaward, fiscal_year, quarter, data, FiguresSource.ENTERED, "Figures entered"
    )


@transaction.atomic
def compute_figures(actor, *, subaward_id, fiscal_year: int, quarter: int) -> QuarterlyReport:
    """The quarter's figures counted from the contacts the agency logged in this system, inside
    its own organization, by the unit's PMT counting rules."""
    subaward = _open(actor, subaward_id, fiscal_year, quarter)
    data = pmt_figures.computed(subaward.subrecipient_id, fiscal_year, quarter, clock.now())
    _check(data)
    return _store(
        actor,
        subaward,
        fiscal_year,
        quarter,
        data,
        FiguresSource.COMPUTED,
        f"Figures computed from {data.contacts} contacts logged in this system",
    )


@transaction.atomic
def submit_report(actor, *, report_id, reason: str = "") -> QuarterlyReport:
    """Send the figures to the state: a new round; late when first sent after the due date."""
    report = _lock_report(report_id)
    if refusal := permissions.can_take_step(actor, report, "submit").reason:
        raise ValidationError(refusal)
    reason = _reason(reason or "Submitted")
    data = pmt_figures.from_json(report.figures, report.proration_note)
    _check(data)  # the rule book may have been read differently when the draft was saved
    today = clock.local_today()
    if report.first_submitted_on is None:
        report.first_submitted_on = today
        report.late = today > report.due_on
    report.round_number += 1
    report.status = REPORTS["submit"].target
    report.submitted_by, report.submitted_at = actor, clock.now()
    report.decided_by = report.decided_at = None
    _save(report, actor, f"Round {report.round_number}: {reason}")
    QuarterlyRound.objects.create(
        report=report,
        number=report.round_number,
        source=report.source,
        figures=report.figures,
        proration_note=report.proration_note,
        submitted_by=actor,
        submitted_at=report.submitted_at,
        late=report.late,
    )
    return report


def _state_step(actor, report_id, name: str, reason: str):
    step = REPORTS[name]
    permissions.require(
        name not in AGENCY_STEPS and permissions.can_review(actor),
        f"Your role does not let you take this step ({step.label}).",
    )
    report = _lock_report(report_id)
    if refusal := permissions.can_take_step(actor, report, step).reason:
        raise ValidationError(refusal)
    return step, report


@transaction.atomic
def return_report(actor, *, report_id, reason: str) -> QuarterlyReport:
    """Back to the subrecipient for correction, with the state's reason (kept with the round)."""
    reason = _reason(reason, required="Say what the subrecipient must correct.")
    step, report = _state_step(actor, report_id, "return", reason)
    report.status = step.target
    report.returned_reason = reason
    report.decided_by, report.decided_at = actor, clock.now()
    _save(report, actor, reason)
    sent = report.rounds.get(number=report.round_number)
    sent.returned_reason = reason
    sent.save(update_fields=["returned_reason"])
    return report


@transaction.atomic
def accept_report(actor, *, report_id, reason: str = "") -> QuarterlyReport:
    """The state accepts the figures: final, and counted in the state's roll-up."""
    reason = _reason(reason or "Accepted")
    step, report = _state_step(actor, report_id, "accept", reason)
    report.status = step.target
    report.decided_by, report.decided_at = actor, clock.now()
    _save(report, actor, reason)
    return report
