"""Admin screens of the public site: approving a machine-drafted translation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.models import Page

from .operations import approve_translation
from .permissions import can_approve_translation


def approve_translation_view(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_approve_translation(request.user, page):
        raise PermissionDenied
    if request.method == "POST":
        try:
            approve_translation(page, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"“{page.get_admin_display_title()}”: translation approved.")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(request, "cms/admin/approve_translation.html", {"page": page})
