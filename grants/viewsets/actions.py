"""The confirmation page of one workflow step (approve, pay, reverse, ...) with its reason."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.views.generic import FormView

from voca.forms import apply_operation_errors

from .. import permissions
from ..forms import ReasonForm
from .dashboard import GrantsViewMixin


class ActionView(GrantsViewMixin, FormView):
    """Confirm one step of a record's workflow. Offered only when permissions.can_take_step allows;
    a refused step shows its reason instead of the button, and the step's operation checks again."""

    template_name = "grants/action.html"
    form_class = ReasonForm
    model = None
    workflow = None
    id_kwarg = None
    step_operations: dict = {}  # step name -> the grants.operations function that takes it
    step_forms: dict = {}  # step name -> a form asking more than the reason

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        if kwargs["action"] not in self.workflow.transitions:
            raise Http404("No such action")
        self.step = self.workflow[kwargs["action"]]
        self.label = self.step.label

    def dispatch(self, request, *args, **kwargs):
        if not (
            permissions.can_view_grants(request.user)
            and permissions.can_take(request.user, self.step)
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def decision(self):
        """Whether the step may be taken on this record now; if not, the page says why."""
        return permissions.can_take_step(self.request.user, self.object, self.step)

    def get_page_title(self):
        return f"{self.label}: {self.object}"

    def get_form_class(self):
        return self.step_forms.get(self.step.name, self.form_class)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["reason"].required = self.step.reason_required
        if not self.step.reason_required:
            form.fields["reason"].help_text = "Optional note, kept in the audit trail."
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            label=self.label,
            back_url=self.back_url(),
            refusal=self.decision.reason if not self.decision else "",
        )
        return context

    def back_url(self):
        raise NotImplementedError

    def form_valid(self, form):
        if not self.decision:  # posted anyway: the page says why, nothing changes
            return self.form_invalid(form)
        values = dict(form.cleaned_data)
        reason = values.pop("reason") or self.label
        operation = self.step_operations[self.step.name]
        try:
            result = operation(
                actor=self.request.user, **{self.id_kwarg: self.object.pk}, reason=reason, **values
            )
        except ValidationError as error:
            apply_operation_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.done_message(result))
        return redirect(self.back_url())

    def done_message(self, result) -> str:
        """What happened, said plainly: the record, the step and its figures."""
        return f"{result} {self.step.done}."
