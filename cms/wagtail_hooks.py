from wagtail import hooks
from wagtail.snippets.models import register_snippet

from voca.page_cache import mark_cacheable

from .viewsets import SiteTextsViewSet


@hooks.register("on_serve_page")
def cache_public_pages(next_serve_page):
    """Every page served to the public may be cached whole (see voca/page_cache.py)."""

    def serve(page, request, args, kwargs):
        return mark_cacheable(next_serve_page(page, request, args, kwargs))

    return serve


register_snippet(SiteTextsViewSet)

MACHINE_DRAFT_NOTICE = "Machine draft — needs review by a qualified translator"
APPROVE_LABEL = f"{MACHINE_DRAFT_NOTICE}: approve"


@hooks.register("register_admin_urls")
def register_admin_urls():
    from django.urls import path

    from .views_admin import approve_page_translation_view, approve_translation_view

    return [
        path(
            "pages/<int:page_id>/approve-translation/",
            approve_page_translation_view,
            name="cms_approve_translation",
        ),
        path(
            "translations/<slug:app_label>/<slug:model_name>/<str:pk>/approve/",
            approve_translation_view,
            name="cms_approve_snippet_translation",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    from .operations import APPROVE_ACTION

    actions.register_action(
        APPROVE_ACTION, "Approve translation", "Translation approved as reviewed"
    )


def _warn_of_machine_draft(request, obj):
    """Editors opening a machine-drafted page or snippet are told before anything else."""
    from .views_admin import needs_review

    if request.method == "GET" and needs_review(obj):
        from django.contrib import messages

        messages.warning(request, f"{MACHINE_DRAFT_NOTICE}.")


hooks.register("before_edit_page", _warn_of_machine_draft)
hooks.register("before_edit_snippet", _warn_of_machine_draft)


@hooks.register("register_page_listing_more_buttons")
@hooks.register("register_page_header_buttons")
def approve_translation_button(page, user, view_name=None, next_url=None):
    from wagtail.admin.widgets import Button

    from .permissions import can_approve_draft
    from .views_admin import approve_translation_url

    if can_approve_draft(user, page):
        yield Button(APPROVE_LABEL, approve_translation_url(page), icon_name="check", priority=5)


@hooks.register("register_snippet_listing_buttons")
def approve_snippet_translation_button(snippet, user, next_url=None):
    """In plain sight on the row (not in its ⋯ menu): the listing shows which rows are drafts."""
    from wagtail.admin.widgets import ListingButton

    from .permissions import can_approve_draft
    from .views_admin import approve_translation_url

    if can_approve_draft(user, snippet):
        yield ListingButton(
            APPROVE_LABEL, approve_translation_url(snippet), icon_name="check", priority=5
        )


@hooks.register("register_snippet_action_menu_item")
def approve_snippet_translation_menu_item(model):
    from wagtail.models import TranslatableMixin

    if issubclass(model, TranslatableMixin):
        from .views_admin import ApproveTranslationMenuItem

        return ApproveTranslationMenuItem(order=90)
    return None


@hooks.register("construct_reports_menu")
def hide_translations_report(request, menu_items):
    """Reports → Translations only for those who edit the site (an empty Reports menu hides)."""
    from .permissions import can_use_translations_report

    if not can_use_translations_report(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "translations"]
