"""Findings and their corrective-action plans: recorded by the state from a site visit or desk
review with what must change and by when; answered by the agency's director; closed by the state."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from voca.operations import save_with_history

from .. import permissions
from ..models import DeskReview, Finding, SiteVisit
from .base import a_date, field_text, require_monitor

NOT_FUTURE = "This cannot be dated after today ({today})."


@transaction.atomic
def record_finding(
    actor,
    *,
    text: str,
    action_required: str,
    due_on: dt.date,
    site_visit_id=None,
    desk_review_id=None,
) -> Finding:
    require_monitor(actor)
    source = None
    if site_visit_id:
        source = SiteVisit.objects.filter(pk=site_visit_id).first()
    elif desk_review_id:
        source = DeskReview.objects.filter(pk=desk_review_id).first()
    if source is None:
        raise ValidationError("A finding comes from a site visit or a desk review.")
    errors: dict = {}
    text = field_text(text, Finding, "text", multiline=True, errors=errors)
    action = field_text(action_required, Finding, "action_required", multiline=True, errors=errors)
    if not text and "text" not in errors:
        errors["text"] = "Describe the finding."
    if not action and "action_required" not in errors:
        errors["action_required"] = "Say what the agency must do to correct it."
    a_date(due_on, "due_on", errors, "Enter the day the corrective action is due.")
    if isinstance(source, SiteVisit) and not source.is_done:
        errors["__all__"] = "Record the visit (its checklist) before its findings."
    if errors:
        raise ValidationError(errors)
    return Finding.objects.create(
        organization_id=source.organization_id,
        site_visit=source if isinstance(source, SiteVisit) else None,
        desk_review=source if isinstance(source, DeskReview) else None,
        text=text,
        action_required=action,
        due_on=due_on,
        created_by=actor,
    )


def _lock(finding_id) -> Finding:
    finding = Finding.objects.select_for_update().filter(pk=finding_id).first()
    if finding is None:
        raise ValidationError("That finding does not exist.")
    return finding


@transaction.atomic
def respond_to_finding(actor, *, finding_id, response: str, responded_on: dt.date) -> Finding:
    """The agency's corrective-action response, by its own Agency Director (a later response
    replaces an earlier one while the finding is open)."""
    finding = _lock(finding_id)
    decision = permissions.can_respond(actor, finding)
    if not decision:
        raise PermissionDenied(decision.reason)
    errors: dict = {}
    response = field_text(response, Finding, "response", multiline=True, errors=errors)
    if not response and "response" not in errors:
        errors["response"] = "Say what the agency did or will do, and by when."
    a_date(
        responded_on,
        "responded_on",
        errors,
        "Enter the day of the response.",
        not_future=NOT_FUTURE,
    )
    if errors:
        raise ValidationError(errors)
    finding.response, finding.responded_on, finding.responded_by = response, responded_on, actor
    save_with_history(finding, actor=actor, reason="Agency's response")
    return finding


@transaction.atomic
def close_finding(actor, *, finding_id, note: str, closed_on: dt.date) -> Finding:
    finding = _lock(finding_id)
    decision = permissions.can_close(actor, finding)
    if not decision:
        if not permissions.holds_state_permission(actor, permissions.CLOSE):
            raise PermissionDenied(decision.reason)
        raise ValidationError(decision.reason)
    errors: dict = {}
    note = field_text(note, Finding, "closing_note", multiline=True, errors=errors)
    if not note and "closing_note" not in errors:
        errors["closing_note"] = "Say how the corrective action was verified."
    a_date(closed_on, "closed_on", errors, "Enter the day it was closed.", not_future=NOT_FUTURE)
    if errors:
        raise ValidationError(errors)
    finding.closing_note, finding.closed_on, finding.closed_by = note, closed_on, actor
    save_with_history(finding, actor=actor, reason="Closed by the state")
    return finding
