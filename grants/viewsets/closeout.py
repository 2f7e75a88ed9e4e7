"""The close-out screen: the award's checklist, and the grants manager's form to close it out."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView

from voca import formats
from voca.forms import apply_operation_errors

from .. import operations, permissions
from ..closeout import checklist
from ..forms import CloseOutForm
from ..models import Award
from ..operations.base import today
from .dashboard import GrantsViewMixin


class CloseOutView(GrantsViewMixin, FormView):
    template_name = "grants/close_out.html"
    form_class = CloseOutForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(Award.objects.select_related("close_out"), pk=kwargs["pk"])

    def get_page_title(self):
        return f"Close-out: {self.object.federal_award_number}"

    @cached_property
    def decision(self):
        """The form is offered only when closing out would succeed once the documents are
        attached; otherwise the page says why, and a post anyway changes nothing."""
        return permissions.can_close_out(self.request.user, self.object)

    def post(self, request, *args, **kwargs):
        if not self.decision:
            messages.error(request, self.decision.reason)
            return redirect(request.path)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        award = self.object
        context["award"] = award
        context["can_close"] = bool(self.decision)
        if permissions.can_close_out_award(self.request.user) and not award.is_closed:
            context["close_refusal"] = self.decision.reason
        if award.is_closed:
            context["snapshot"] = award.close_out
        else:
            context["checklist"] = checklist(award, today(), has_document=False)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            snapshot = operations.close_out_award(
                actor=self.request.user,
                award_id=self.object.pk,
                deobligated=data["deobligated"],
                document=data["document"],
                reason=data["reason"],
            )
        except ValidationError as error:
            apply_operation_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Award {self.object.federal_award_number} closed out: paid "
            f"{formats.money(snapshot.paid)}, {formats.money(snapshot.deobligated)} de-obligated. "
            "It is now read-only.",
        )
        return redirect(reverse("grants_close_out", args=(self.object.pk,)))
