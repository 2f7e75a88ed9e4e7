"""Who may see, prepare, submit, return or accept which quarterly report, and download the
roll-up.

A subrecipient's Agency Director and Agency Finance prepare and submit their own organization's
reports (its advocates see none of it); the state's Grants Manager returns or accepts them; the
state's money roles and the auditor read them all. Each decision is a ``Decision`` whose reason
the page shows where a button would be; the operations refuse with the same sentence.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from grants.workflows import Transition
from organizations.access import organization_of
from subawards.permissions import AGENCY_MONEY_ROLES, _holds, holds_state_permission, require
from voca.decision import ALLOWED, Decision

from .workflows import AGENCY_STEPS, REPORTS, REVIEW

STATE_READ = "performance.view_quarterlyreport"
ROLLUP = "performance.generate_performance_rollup"

__all__ = ["require"]


def preparing_agency(user):
    """The subrecipient ``user`` prepares reports for (its director or finance), else None."""
    org = organization_of(user)
    if org and not org.is_unit and _holds(user, *AGENCY_MONEY_ROLES):
        return org
    return None


def _own(user, subaward) -> bool:
    org = preparing_agency(user)
    return bool(org and org.pk == subaward.subrecipient_id)


def can_view_reports(user) -> bool:
    """The quarterly reports menu: the state's readers, and each agency's director and finance."""
    return holds_state_permission(user, STATE_READ) or preparing_agency(user) is not None


def is_state_reader(user) -> bool:
    return holds_state_permission(user, STATE_READ)


def visible_reports(user):
    from .models import QuarterlyReport

    reports = QuarterlyReport.objects.select_related("subaward__subrecipient", "subaward__line")
    if holds_state_permission(user, STATE_READ):
        return reports
    org = preparing_agency(user)
    return reports.of_organization(org) if org else reports.none()


def can_view_report(user, report) -> bool:
    return holds_state_permission(user, STATE_READ) or _own(user, report.subaward)


def can_prepare(user, subaward) -> Decision:
    """The subrecipient's own director or finance prepare its quarterly figures."""
    if not _own(user, subaward):
        return Decision.refuse(
            "Only the subrecipient's Agency Director or Agency Finance prepare its quarterly "
            "reports."
        )
    if subaward.current_version() is None:
        return Decision.refuse("The subaward is not issued yet: nothing is reported on it.")
    return ALLOWED


def can_take_step(user, report, step: Transition | str) -> Decision:
    """Whether ``user`` may take ``step`` of ``REPORTS`` on ``report`` now, and if not why."""
    step = REPORTS[step] if isinstance(step, str) else step
    if step.name in AGENCY_STEPS:
        if not _own(user, report.subaward):
            return Decision.refuse(
                "Only the subrecipient's Agency Director or Agency Finance submit its reports."
            )
    elif not holds_state_permission(user, step.permission):
        return Decision.refuse(f"Your role does not let you take this step ({step.label}).")
    if refusal := REPORTS.refusal(report, step.name, user):
        return Decision.refuse(refusal)
    return ALLOWED


def steps_within_reach(user, report) -> list[tuple[Transition, Decision]]:
    mine = []
    for step in REPORTS.available(report):
        if step.name in AGENCY_STEPS:
            held = _own(user, report.subaward)
        else:
            held = holds_state_permission(user, step.permission)
        if held:
            mine.append((step, can_take_step(user, report, step)))
    return mine


def can_review(user) -> bool:
    return holds_state_permission(user, REVIEW)


def can_download_rollup(user) -> Decision:
    if holds_state_permission(user, ROLLUP):
        return ALLOWED
    return Decision.refuse(
        "Only the state's Grants Manager, Finance and Auditor download the performance roll-up."
    )


class QuarterlyReportPolicy(ModelPermissionPolicy):
    """The list and pages follow the decisions above; reports change only through operations."""

    def user_has_permission(self, user, action):
        return action == "view" and can_view_reports(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and can_view_report(user, instance)

    def instances_user_has_permission_for(self, user, action):
        return visible_reports(user if action == "view" else None)
