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


def _needs_review(page) -> bool:
    from .models import MachineTranslation

    return MachineTranslation.objects.filter(page_id=page.pk, approved_at__isnull=True).exists()


@hooks.register("register_admin_urls")
def register_admin_urls():
    from django.urls import path

    from .views_admin import approve_translation_view

    return [
        path(
            "pages/<int:page_id>/approve-translation/",
            approve_translation_view,
            name="cms_approve_translation",
        )
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    from .operations import APPROVE_ACTION

    actions.register_action(
        APPROVE_ACTION, "Approve translation", "Translation approved as reviewed"
    )


@hooks.register("before_edit_page")
def machine_draft_notice(request, page):
    """Editors opening a machine-drafted page are told before anything else."""
    if request.method == "GET" and _needs_review(page):
        from django.contrib import messages

        messages.warning(request, f"{MACHINE_DRAFT_NOTICE}.")


@hooks.register("register_page_listing_more_buttons")
@hooks.register("register_page_header_buttons")
def approve_translation_button(page, user, view_name=None, next_url=None):
    from django.urls import reverse
    from wagtail.admin.widgets import Button

    from .permissions import can_approve_translation

    if _needs_review(page) and can_approve_translation(user, page):
        yield Button(
            f"{MACHINE_DRAFT_NOTICE}: approve",
            reverse("cms_approve_translation", args=[page.pk]),
            icon_name="check",
            priority=5,
        )
