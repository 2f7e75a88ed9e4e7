"""The only functions that write the public site's own records (beyond Wagtail's editing)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .models import MachineTranslation
from .permissions import can_approve_translation

APPROVE_ACTION = "cms.approve_translation"


def mark_machine_draft(page) -> MachineTranslation:
    """Record that ``page``'s text is a machine draft awaiting a qualified translator."""
    draft, _ = MachineTranslation.objects.get_or_create(page=page)
    return draft


@transaction.atomic
def approve_translation(page, *, actor) -> MachineTranslation:
    """An editor who may publish the page says a qualified translator has reviewed it."""
    if not can_approve_translation(actor, page):
        raise PermissionDenied
    draft = MachineTranslation.objects.select_for_update().filter(page=page).first()
    if draft is None or not draft.needs_review:
        raise ValidationError("This page is not a machine draft awaiting review.")
    draft.approved_at, draft.approved_by = timezone.now(), actor
    draft.save(update_fields=["approved_at", "approved_by"])
    log(instance=page, action=APPROVE_ACTION, user=actor)
    return draft
