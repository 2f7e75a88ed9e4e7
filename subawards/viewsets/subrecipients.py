"""Screens of the subrecipients (the grants manager's) and their SAM.gov exclusion checks."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from grants.viewsets.base import OperationCreateView, OperationFormMixin
from organizations.models import ExclusionCheck, Organization
from voca import formats
from voca.forms import apply_operation_errors

from .. import operations, permissions
from ..forms import ExclusionCheckForm, SubrecipientForm
from ..operations.subrecipients import FIELDS
from .common import SubawardsViewMixin


class SubrecipientNames:
    """The screens call their organizations subrecipients, as the menu does (Wagtail would name
    them after the model: "Organizations", "New: Organization")."""

    success_message = "Subrecipient '%(object)s' created."
    error_message = "The subrecipient could not be saved due to errors."

    def get_breadcrumbs_items(self):
        relabel = {"Organizations": "Subrecipients", "New: Organization": "New: Subrecipient"}
        return [
            {**item, "label": relabel.get(str(item["label"]), item["label"])}
            for item in super().get_breadcrumbs_items()
        ]


class SubrecipientCreateView(SubrecipientNames, OperationCreateView):
    page_subtitle = "Subrecipient"

    def run_operation(self, data):
        values = {k: v for k, v in data.items() if k in FIELDS}
        return operations.create_subrecipient(self.request.user, reason=data["reason"], **values)


class SubrecipientEditView(SubrecipientNames, OperationFormMixin, generic.EditView):
    success_message = "Subrecipient '%(object)s' updated."

    def get_object(self, queryset=None):
        # The unit is not a subrecipient (it is set up by migration): "not found" here.
        return super().get_object(Organization.objects.subrecipients())

    def get_initial(self):
        return {name: getattr(self.object, name) for name in FIELDS}

    def run_operation(self, data):
        values = {k: v for k, v in data.items() if k in FIELDS}
        return operations.update_subrecipient(
            self.request.user, self.object.pk, reason=data["reason"], **values
        )


class SubrecipientIndexView(SubrecipientNames, generic.IndexView):
    page_title = "Subrecipients"
    add_item_label = "Add subrecipient"

    def get_base_queryset(self):
        return Organization.objects.subrecipients()


class SubrecipientInspectView(SubrecipientNames, generic.InspectView):
    template_name = "subawards/subrecipient_inspect.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Organization.objects.subrecipients(), pk=self.pk)

    @property
    def header_buttons(self):
        buttons = []
        if permissions.can_record_exclusion_check(self.request.user):
            buttons.append(
                HeaderButton(
                    "Record exclusion check",
                    url=reverse("subawards_exclusion_check", args=(self.object.pk,)),
                    icon_name="check",
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["checks"] = [
            {
                "check": c,
                "who": formats.person(c.checked_by),
                "evidence_url": reverse("subawards_exclusion_evidence", args=(c.pk,))
                if permissions.can_view_exclusion_evidence(self.request.user, c)
                else "",
            }
            for c in self.object.exclusion_checks.select_related("checked_by")
        ]
        context["subawards"] = permissions.visible_subawards(self.request.user).filter(
            subrecipient=self.object
        )
        return context


class SubrecipientViewSet(ModelViewSet):
    model = Organization
    icon = "group"
    menu_label = "Subrecipients"
    add_view_class = SubrecipientCreateView
    edit_view_class = SubrecipientEditView
    index_view_class = SubrecipientIndexView
    inspect_view_class = SubrecipientInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "legal_name",
        "uei",
        "ovc_type",
        "city",
        Column("is_active", label="Active", accessor=lambda o: "Yes" if o.is_active else "No"),
    ]
    form_fields = ["legal_name"]

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            form_class=SubrecipientForm,
            panel=None,
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(form_class=SubrecipientForm, panel=None, **kwargs)


class ExclusionCheckView(SubawardsViewMixin, FormView):
    template_name = "subawards/form.html"
    form_class = ExclusionCheckForm

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_record_exclusion_check(request.user):
            raise PermissionDenied
        self.organization = get_object_or_404(Organization.objects.subrecipients(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"SAM.gov exclusion check: {self.organization}"

    def back_url(self):
        return reverse("subawards_subrecipients:inspect", args=(self.organization.pk,))

    def form_valid(self, form):
        try:
            operations.record_exclusion_check(
                self.request.user, organization_id=self.organization.pk, **form.cleaned_data
            )
        except ValidationError as error:
            apply_operation_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Exclusion check of {self.organization} recorded.")
        return redirect(self.back_url())


def exclusion_evidence_view(request, pk):
    check = get_object_or_404(ExclusionCheck, pk=pk)
    if not permissions.can_view_exclusion_evidence(request.user, check):
        raise PermissionDenied
    response = FileResponse(
        check.evidence.open("rb"),
        as_attachment=True,
        filename=check.evidence.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    return response
