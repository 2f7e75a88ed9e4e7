"""Who may do what on the public site's own records."""

from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from voca.decision import ALLOWED, Decision

from .models import MachineTranslation


def can_approve_translation(actor, obj) -> bool:
    """Approving a machine-drafted translation vouches for its text as published: a page's
    publishers; for a snippet, those who may change it (its viewset's permission policy)."""
    if actor is None or not actor.is_authenticated or not isinstance(obj, TranslatableMixin):
        return False
    if isinstance(obj, Page):
        return obj.permissions_for_user(actor).can_publish()
    if type(obj) not in get_snippet_models():  # also loads the snippets registered in hooks
        return False
    return type(obj).snippet_viewset.permission_policy.user_has_permission_for_instance(
        actor, "change", obj
    )


def can_approve_draft(actor, obj) -> Decision:
    """Whether ``actor`` is offered the approval of ``obj`` now: a machine draft awaiting review,
    to someone who may approve it; else why not (the operation's own sentence)."""
    if not can_approve_translation(actor, obj):
        return Decision.refuse("Only those who may publish it approve its translation.")
    if not MachineTranslation.needs_review_for(obj):
        return Decision.refuse(MachineTranslation.not_awaiting_review(obj))
    return ALLOWED


def can_use_translations_report(user) -> bool:
    """wagtail-localize's Translations report lists the public site's translations: of use only
    to those who edit the site's pages (field staff, finance and auditors translate nothing)."""
    from wagtail.admin.auth import user_has_any_page_permission

    return user_has_any_page_permission(user)
