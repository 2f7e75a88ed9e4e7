"""Admin screens of the public site: approving a machine-drafted translation (page or snippet)."""

from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.defaults import permission_denied
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.models import get_snippet_models

from .models import MachineTranslation
from .operations import approve_translation
from .permissions import can_approve_draft, can_approve_translation


def approve_translation_url(obj) -> str:
    if isinstance(obj, Page):
        return reverse("cms_approve_translation", args=[obj.pk])
    meta = obj._meta
    return reverse(
        "cms_approve_snippet_translation", args=[meta.app_label, meta.model_name, quote(obj.pk)]
    )


def needs_review(obj) -> bool:
    return isinstance(obj, TranslatableMixin) and MachineTranslation.needs_review_for(obj)


def translatable_object_or_404(app_label: str, model_name: str, pk: str):
    """The page or translatable snippet the URL names; 404 for anything else."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if not issubclass(model, TranslatableMixin) or not (
        issubclass(model, Page) or model in get_snippet_models()
    ):
        raise Http404
    try:
        obj = model._default_manager.get(pk=model._meta.pk.to_python(unquote(pk)))
    except (model.DoesNotExist, ValidationError, ValueError):
        raise Http404 from None
    return obj.specific if isinstance(obj, Page) else obj


class ApproveTranslationMenuItem(ActionMenuItem):
    """The "Approve translation" item in a machine-drafted snippet's editor, for those who may."""

    label = "Approve translation (machine draft)"
    name = "cms-approve-translation"
    icon_name = "check"

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context["view"] == "edit"
            and instance is not None
            and can_approve_draft(context["request"].user, instance)
        )

    def get_url(self, parent_context):
        return approve_translation_url(parent_context["instance"])


def approve_page_translation_view(request, page_id):
    return approve_translation_view(request, "wagtailcore", "page", str(page_id))


def approve_translation_view(request, app_label, model_name, pk):
    obj = translatable_object_or_404(app_label, model_name, pk)
    if not can_approve_translation(request.user, obj):
        # A real 403: Wagtail's admin would turn a raised PermissionDenied into a redirect home.
        return permission_denied(request, PermissionDenied())
    title = obj.get_admin_display_title() if isinstance(obj, Page) else str(obj)
    edit_url = AdminURLFinder(request.user).get_edit_url(obj) or reverse("wagtailadmin_home")
    if request.method == "POST":
        try:
            approve_translation(obj, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"“{title}”: translation approved.")
        return redirect(edit_url)
    decision = can_approve_draft(request.user, obj)
    return TemplateResponse(
        request,
        "cms/admin/approve_translation.html",
        {
            "refusal": "" if decision else decision.reason,
            "object": obj,
            "title": title,
            "edit_url": edit_url,
            "page_title": "Approve translation",
            "page_subtitle": title,
            "header_icon": "check",
        },
    )
