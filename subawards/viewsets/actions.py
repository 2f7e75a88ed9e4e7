"""The subaward's steps: issue, approve or reject a version; amend; request a budget revision;
accept a special condition; download a document."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView

from grants.forms import ReasonForm
from voca import formats
from voca.forms import apply_operation_errors

from .. import operations, permissions
from ..checks import issue_warnings
from ..forms import AmendmentForm, RevisionRequestForm, split_conditions
from ..models import SpecialCondition, Subaward, SubawardVersion
from ..workflows import VERSIONS
from .common import SubawardsViewMixin
from .subawards import TERMS, terms_of

STEP_OPERATIONS = {
    "issue": operations.issue_version,
    "approve": operations.approve_version,
    "reject": operations.reject_version,
}


def inspect_url(subaward) -> str:
    return reverse("subawards_subawards:inspect", args=(subaward.pk,))


class OperationPage(SubawardsViewMixin, FormView):
    """A form page whose valid form runs one operation; a refusal shows on the form."""

    template_name = "subawards/form.html"
    submit_label = "Save"

    def decision(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decision = self.decision()
        context["refusal"] = "" if decision else decision.reason
        context["submit_label"] = self.submit_label
        return context

    def run(self, data):
        raise NotImplementedError

    def success_message(self, result) -> str:
        return f"{result} saved."

    def form_valid(self, form):
        if not self.decision():
            return self.form_invalid(form)
        self.form = form
        try:
            result = self.run(form.cleaned_data)
        except ValidationError as error:
            apply_operation_errors(form, error)
            return self.form_invalid(form)
        except PermissionDenied as error:
            form.add_error(None, str(error) or "You do not have permission to do this.")
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(result))
        return redirect(self.done_url(result))

    def done_url(self, result) -> str:
        """Where the page goes once its operation has run (back where it came from)."""
        return self.back_url()


class VersionStepView(OperationPage):
    form_class = ReasonForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in VERSIONS.transitions:
            raise Http404
        self.step = VERSIONS[kwargs["action"]]
        self.version = get_object_or_404(SubawardVersion, pk=kwargs["pk"])
        self.submit_label = self.step.label

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_subaward(request.user, self.version.subaward):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def _decision(self):
        return permissions.can_take_step(self.request.user, self.version, self.step)

    def decision(self):
        return self._decision

    def get_page_title(self):
        return f"{self.step.label}: {self.version}"

    def success_message(self, result) -> str:
        return f"{result} {self.step.done}."

    def back_url(self):
        return inspect_url(self.version.subaward)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["reason"].required = self.step.reason_required
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        v = self.version
        context["summary"] = [
            ("Subrecipient", v.subrecipient_name),
            ("Kind", v.get_kind_display()),
            ("Federal funds obligated by this action", formats.money(v.amount_this_action)),
            ("Total obligated", formats.money(v.total_obligated)),
            ("Why", v.reason),
        ]
        if v.approval_reasons:
            context["summary"].append(("Needs the state's approval because", v.approval_reasons))
        if self.step.name == "issue":
            context["warnings"] = issue_warnings(v)
        return context

    def run(self, data):
        return STEP_OPERATIONS[self.step.name](
            self.request.user, version_id=self.version.pk, reason=data["reason"] or self.step.label
        )


class SubawardFormPage(OperationPage):
    """A form page on one subaward (its pk in the URL), opened from the subaward's page and back
    to it. A subaward its reader may not see is not found (404), never shown."""

    not_visible = Http404

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.subaward = get_object_or_404(Subaward, pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_subaward(request.user, self.subaward):
            raise self.not_visible
        return super().dispatch(request, *args, **kwargs)

    def back_url(self):
        return inspect_url(self.subaward)


class SubawardPage(SubawardFormPage):
    """A page that changes the subaward's terms: its form starts from the version in force."""

    not_visible = PermissionDenied

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.current = self.subaward.current_version()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "current": self.current}


class AmendView(SubawardPage):
    form_class = AmendmentForm
    submit_label = "Prepare the amendment"

    def decision(self):
        return permissions.can_amend(self.request.user, self.subaward)

    def get_page_title(self):
        return f"Amend {self.subaward}"

    def get_initial(self):
        if self.current is None:
            return {}
        return {name: getattr(self.current, name) for name in TERMS if name != "total_committed"}

    def run(self, data):
        return operations.amend_subaward(
            self.request.user,
            subaward_id=self.subaward.pk,
            kind=data["kind"],
            reason=data["reason"],
            conditions=split_conditions(data["conditions"]),
            **terms_of(self.form),
        )


class RequestRevisionView(SubawardPage):
    form_class = RevisionRequestForm
    submit_label = "Request the revision"

    def decision(self):
        return permissions.can_request_revision(self.request.user, self.subaward)

    def get_page_title(self):
        return f"Budget revision of {self.subaward}"

    def get_initial(self):
        if self.current is None:
            return {}
        return {
            "indirect_rate_kind": self.current.indirect_rate_kind,
            "indirect_rate": self.current.indirect_rate,
        }

    def run(self, data):
        return operations.request_budget_revision(
            self.request.user,
            subaward_id=self.subaward.pk,
            budget=self.form.budget(),
            reason=data["reason"],
            indirect_rate_kind=data["indirect_rate_kind"],
            indirect_rate=data["indirect_rate"],
        )


class AcceptForm(forms.Form):
    pass


class AcceptConditionView(OperationPage):
    form_class = AcceptForm
    submit_label = "Accept this condition"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.condition = get_object_or_404(SpecialCondition, pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_subaward(request.user, self.condition.subaward):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def decision(self):
        return permissions.can_accept_condition(self.request.user, self.condition)

    def get_page_title(self):
        return f"Accept condition {self.condition.number} of {self.condition.subaward}"

    def back_url(self):
        return inspect_url(self.condition.subaward)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = [("Condition", self.condition.text), ("From", self.condition.source)]
        return context

    def run(self, data):
        return operations.accept_condition(self.request.user, condition_id=self.condition.pk)


def document_view(request, pk):
    version = get_object_or_404(SubawardVersion, pk=pk)
    if not permissions.can_download_document(request.user, version):
        raise PermissionDenied
    response = FileResponse(
        version.document.open("rb"),
        as_attachment=True,
        filename=f"{version.document_number}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
