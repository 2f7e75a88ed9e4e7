"""Who may see or change which money record. Role holdings come from ``voca/roles.py``."""

from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.permission_policies import ModelPermissionPolicy

from organizations.access import organization_id_of
from voca.clock import local_today
from voca.decision import ALLOWED, Decision

from .closeout import checklist
from .reports.registry import REPORTS
from .workflows import DRAWS, Transition, workflow_of


def can_view_grants(user) -> bool:
    return user.is_active and user.has_perm("grants.view_award")


def can_create_award(user) -> bool:
    return user.has_perm("grants.add_award")


def can_add_budget_line(user) -> bool:
    return user.has_perm("grants.add_budgetline")


def can_request_revision(user) -> bool:
    return user.has_perm("grants.add_budgetrevision")


def can_request_draw(user) -> bool:
    return user.has_perm("grants.add_draw")


def can_take(user, step: Transition) -> bool:
    """A step of a draw's or revision's life needs the permission its workflow table names."""
    return user.has_perm(step.permission)


def can_take_step(user, obj, step: Transition | str) -> Decision:
    """Whether ``user`` may take ``step`` on ``obj`` (a draw or a budget revision) now, and if not
    why: the role's permission (``can_take``), the record's state and the separation of duties
    (``Workflow.refusal``, the sentences the operations refuse with), an award closed out.

    The admin shows a step's button only when this allows; the operation checks the same."""
    workflow = workflow_of(obj)
    step = workflow[step] if isinstance(step, str) else step
    if not (can_view_grants(user) and can_take(user, step)):
        return Decision.refuse(f"Your role does not let you take this step ({step.label}).")
    refusal = workflow.refusal(obj, step.name, user) or closed_refusal(obj.award)
    if not refusal and workflow is DRAWS:
        refusal = window_refusal(obj.award, step.name)
    return Decision.refuse(refusal) if refusal else ALLOWED


def can_edit_draw(user, draw) -> Decision:
    """Only a draft is edited (``DRAWS.edit_refusal``), by whoever records draws, while its award
    is open."""
    if not can_request_draw(user):
        return Decision.refuse("Your role does not let you edit draws.")
    refusal = DRAWS.edit_refusal(draw) or closed_refusal(draw.award)
    return Decision.refuse(refusal) if refusal else ALLOWED


def window_refusal(award, step: str) -> str:
    """Why the award's period (no new draws after it; none approved or paid after the liquidation
    period) refuses a draw's ``step`` today, in the operation's words; empty when it does not."""
    from .operations.draws import check_award_window  # the operations import this module

    try:
        check_award_window(award, step)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def closed_refusal(award) -> str:
    """The sentence every operation refuses a closed-out award's records with; empty if open."""
    from .operations.base import refuse_if_closed  # the operations import this module

    try:
        refuse_if_closed(award)
    except ValidationError as error:
        return " ".join(error.messages)
    return ""


def steps_within_reach(user, obj) -> list[tuple[Transition, Decision]]:
    """The steps of ``obj``'s workflow that its state lets begin and ``user``'s role may take,
    each with its decision: a button where allowed, the reason where not (e.g. "You submitted
    this draw, so someone else must approve it.")."""
    workflow = workflow_of(obj)
    return [
        (step, can_take_step(user, obj, step))
        for step in workflow.available(obj)
        if can_take(user, step)
    ]


def can_close_out_award(user) -> bool:
    """The grants manager closes an award out (operations.close_out_award)."""
    return user.has_perm("grants.add_awardcloseout")


def can_close_out(user, award) -> Decision:
    """Whether the close-out form is offered for ``award`` now: to the grants manager, for an
    open award whose checklist holds but for the documents the form attaches; else why not."""
    if not can_close_out_award(user):
        return Decision.refuse("Only the grants manager closes out an award.")
    if refusal := closed_refusal(award):
        return Decision.refuse(refusal)
    refusals = checklist(award, local_today(), has_document=True).refusals()
    if refusals:
        number = award.federal_award_number
        return Decision.refuse(" ".join([f"Award {number} cannot be closed out yet.", *refusals]))
    return ALLOWED


def can_obligate(user) -> Decision:
    """The grants manager obligates a subaward's money on a Subawards line and changes it
    (``operations.obligate``, ``change_obligation``)."""
    if can_view_grants(user) and user.has_perm("grants.add_obligation"):
        return ALLOWED
    return Decision.refuse("Only the grants manager obligates or changes a subaward's money.")


def can_pay_obligations(user) -> Decision:
    """Finance records payments against obligations (``operations.pay_obligation``)."""
    if can_view_grants(user) and user.has_perm("grants.pay_obligation"):
        return ALLOWED
    return Decision.refuse("Only finance records payments against a subaward's obligation.")


def payer_refusal(user, approved_by) -> str:
    """Segregation of duties: whoever approved a payment does not record it; empty if allowed."""
    if approved_by is None:
        return "A payment against an obligation needs the person who approved it."
    if approved_by.pk == user.pk:
        return "You approved this payment, so someone else must record it."
    return ""


def can_pay_obligation(user, obligation, *, approved_by=None) -> Decision:
    """Whether ``user`` may record a payment against ``obligation`` now (approved by
    ``approved_by``), and if not why: the role, the separation of duties, a closed-out award, the
    liquidation period. The payment form's button reads it; the operation checks the same."""
    role = can_pay_obligations(user)
    if not role:
        return role
    award = obligation.award
    refusal = (
        (payer_refusal(user, approved_by) if approved_by is not None else "")
        or closed_refusal(award)
        or window_refusal(award, "pay")
    )
    if not refusal and obligation.unpaid() <= 0:
        refusal = f"Obligation {obligation.reference} is paid in full."
    return Decision.refuse(refusal) if refusal else ALLOWED


def can_record_match(user) -> bool:
    return user.has_perm("grants.add_matchcontribution")


def can_view_document(user, obj) -> bool:
    """Supporting documents: only to staff who may see the record they support."""
    return user.has_perm(f"grants.view_{obj._meta.model_name}")


def require(allowed: bool, message: str = "You do not have permission to do this."):
    if not allowed:
        raise PermissionDenied(message)


class AppendOnlyPolicy(ModelPermissionPolicy):
    """Nobody, superusers included, deletes money records or edits them in place through the admin.

    Draws in an editable state of their workflow are the one exception: drafts are not money yet.
    """

    def user_has_permission(self, user, action):
        if action in ("delete", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class DrawPolicy(AppendOnlyPolicy):
    def user_has_permission(self, user, action):
        # Editing a draft draw is part of recording it.
        if action == "change":
            return super().user_has_permission(user, "add")
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "change" and not can_edit_draw(user, instance):
            return False
        return self.user_has_permission(user, action)


# --- compliance exports (grants/reports) ---------------------------------------------------------


def can_run_report(actor, key: str) -> bool:
    """Reports hold aggregates only; each needs the role permission the registry names for it."""
    report = REPORTS.get(key)
    return bool(report and actor and actor.is_active and actor.has_perm(report.permission))


def reports_for(actor) -> list:
    """The reports ``actor`` may run, in the registry's order."""
    return [r for r in REPORTS.values() if can_run_report(actor, r.key)]


def can_see_export_log(user) -> bool:
    """Finance and auditors read the whole export log (who ran what, parameters, SHA-256)."""
    return bool(user and user.is_active and user.has_perm("grants.view_exportlog"))


def visible_export_logs(actor):
    """The export-log rows ``actor`` may read: their organization's, all of them with the log
    permission, else only their own."""
    from .models import ExportLog

    entries = ExportLog.objects.select_related("user").filter(
        organization_id=organization_id_of(actor)
    )
    if can_see_export_log(actor):
        return entries
    if actor and actor.is_active and reports_for(actor):
        return entries.filter(user=actor)
    return entries.none()


def visible_exports(user):
    """Report files of ``user``'s organization (any other answers 404)."""
    from .models import GeneratedExport

    return GeneratedExport.objects.filter(organization_id=organization_id_of(user))


def can_download_export(user, export) -> bool:
    """A generated file goes only to the person who asked for it, while they may still see it."""
    return export.requested_by_id == user.pk and can_run_report(user, export.report)
