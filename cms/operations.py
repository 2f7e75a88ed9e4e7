"""The only functions that write the public site's own records (beyond Wagtail's editing)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from wagtail.log_actions import log

from voca import clock

from .models import MachineTranslation
from .permissions import can_approve_translation

APPROVE_ACTION = "cms.approve_translation"


def mark_machine_draft(obj) -> MachineTranslation:
    """Record that ``obj``'s text (a page's or a snippet's) is a machine draft awaiting a
    qualified translator. An approved mark stays approved."""
    draft, _ = MachineTranslation.objects.get_or_create(
        content_type=MachineTranslation.content_type_of(obj), object_id=str(obj.pk)
    )
    return draft


@transaction.atomic
def approve_translation(obj, *, actor) -> MachineTranslation:
    """An editor who may publish the page (or change the snippet) says a qualified translator
    has reviewed it; recorded in the object's history."""
    if not can_approve_translation(actor, obj):
        raise PermissionDenied
    draft = MachineTranslation.objects.select_for_update().of(obj).first()
    if draft is None or not draft.needs_review:
        raise ValidationError(MachineTranslation.not_awaiting_review(obj))
    draft.approved_at, draft.approved_by = clock.now(), actor
    draft.save(update_fields=["approved_at", "approved_by"])
    log(instance=obj, action=APPROVE_ACTION, user=actor)
    return draft


def forget_machine_draft(obj) -> None:
    """``obj`` is gone: so is its mark (approvals stay in Wagtail's history)."""
    MachineTranslation.objects.of(obj).delete()
