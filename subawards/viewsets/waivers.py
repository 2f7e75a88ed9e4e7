"""Screens of match waivers: the published policy (every version; the Grants Manager adds one),
the requests (an agency's own; all for the state) with the Grants Manager's decision, the request
form opened from a subaward, and the report of approved waivers for OVC."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from grants.exports.views import logged_download
from grants.viewsets.base import OperationCreateView, step_buttons, step_notes
from voca import formats
from voca.clock import local_today
from voca.columns import MoneyColumn
from voca.fiscal import fiscal_year_of

from .. import match_permissions as rules
from .. import operations, waiver_report
from ..match_forms import (
    WaiverDecisionForm,
    WaiverPolicyForm,
    WaiverReportForm,
    WaiverRequestForm,
)
from ..models import WaiverPolicy, WaiverRequest
from ..permissions import holds_state_permission
from ..waiver_workflow import WAIVERS
from .actions import OperationPage, SubawardFormPage, inspect_url
from .common import SubawardsViewMixin

INSPECT = "subawards_waiver_requests:inspect"
REPORT_READ = "subawards.view_subaward"


# --- the policy -----------------------------------------------------------------------------------


class WaiverPolicyCreateView(OperationCreateView):
    def run_operation(self, data):
        return operations.publish_waiver_policy(self.request.user, **data)


class WaiverPolicyIndexView(generic.IndexView):
    @property
    def header_buttons(self):
        buttons = []
        if holds_state_permission(self.request.user, REPORT_READ):
            buttons.append(
                HeaderButton(
                    "Report of approved waivers",
                    url=reverse("subawards_waiver_report"),
                    icon_name="download",
                )
            )
        return buttons


class WaiverPolicyInspectView(generic.InspectView):
    def get_fields(self):
        return ["title", "effective_on", "text", "reason", "published_by", "published_at"]


class WaiverPolicyViewSet(ModelViewSet):
    model = WaiverPolicy
    icon = "doc-full"
    menu_label = "Match waiver policy"
    add_view_class = WaiverPolicyCreateView
    index_view_class = WaiverPolicyIndexView
    inspect_view_class = WaiverPolicyInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["number", "title", "effective_on", "published_by"]
    form_fields = ["title"]

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            form_class=WaiverPolicyForm,
            panel=None,
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )


# --- requests -------------------------------------------------------------------------------------


class WaiverRequestIndexView(generic.IndexView):
    def get_base_queryset(self):
        return rules.visible_waiver_requests(self.request.user)


class WaiverRequestInspectView(generic.InspectView):
    template_name = "subawards/waiver_request_inspect.html"

    def get_object(self, queryset=None):
        # Another agency's request is "not found", never shown.
        return get_object_or_404(rules.visible_waiver_requests(self.request.user), pk=self.pk)

    @cached_property
    def steps(self):
        return rules.waiver_steps_within_reach(self.request.user, self.object)

    @property
    def header_buttons(self):
        return step_buttons(self.steps, "subawards_waiver_step", self.object.pk)

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        r = self.object
        current = r.subaward.current_version()
        context["summary"] = [
            ("Subaward", r.subaward.number),
            ("Subrecipient", r.subaward.subrecipient),
            ("Status", r.get_status_display()),
            ("Match to waive", formats.money(r.amount)),
            ("Why", r.reason),
            ("Waiver policy cited", r.policy.label),
            ("Requested by", formats.person(r.requested_by)),
            ("Requested at", formats.moment(r.requested_at)),
            ("Match required now", formats.money(current.match_required) if current else ""),
            ("Match waived now", formats.money(current.match_waived) if current else ""),
        ]
        if r.decided_by_id:
            context["summary"] += [
                ("Decided by", formats.person(r.decided_by)),
                ("Decided at", formats.moment(r.decided_at)),
                ("Decision", r.decision_reason),
            ]
        if r.approved_amount is not None:
            context["summary"].append(("Match waived", formats.money(r.approved_amount)))
        context["subaward_url"] = inspect_url(r.subaward)
        context["notes"] = step_notes(self.steps)
        return context


class WaiverRequestViewSet(ModelViewSet):
    model = WaiverRequest
    icon = "form"
    menu_label = "Match waiver requests"
    index_view_class = WaiverRequestIndexView
    inspect_view_class = WaiverRequestInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "__str__",
        Column("subrecipient", label="Subrecipient", accessor="subaward.subrecipient"),
        "status",
        MoneyColumn("amount", label="Requested"),
        MoneyColumn("approved_amount", label="Waived"),
    ]
    form_fields = ["reason"]


class RequestWaiverView(SubawardFormPage):
    form_class = WaiverRequestForm
    submit_label = "Request the waiver"

    def decision(self):
        return rules.can_request_waiver(self.request.user, self.subaward)

    def get_page_title(self):
        return f"Match waiver for {self.subaward}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        current = self.subaward.current_version()
        policy = WaiverPolicy.objects.in_effect_on(local_today())
        context["summary"] = [
            ("Match required", formats.money(current.match_required) if current else ""),
            ("Already waived", formats.money(current.match_waived) if current else ""),
            ("Match still due", formats.money(current.match_due) if current else ""),
            ("Waiver policy in effect", str(policy) if policy else "None published"),
        ]
        if policy:
            context["summary"].append(("Policy", policy.text))
        return context

    def success_message(self, result) -> str:
        return f"{result}: sent to the state."

    def done_url(self, result) -> str:
        return reverse(INSPECT, args=(result.pk,))

    def run(self, data):
        return operations.request_match_waiver(
            self.request.user,
            subaward_id=self.subaward.pk,
            amount=data["amount"],
            reason=data["reason"],
        )


STEP_OPERATIONS = {
    "approve": operations.approve_match_waiver,
    "deny": operations.deny_match_waiver,
}


class WaiverStepView(OperationPage):
    form_class = WaiverDecisionForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in WAIVERS.transitions:
            raise Http404
        self.step = WAIVERS[kwargs["action"]]
        self.waiver = get_object_or_404(
            rules.visible_waiver_requests(request.user), pk=kwargs["pk"]
        )
        self.submit_label = self.step.label

    @cached_property
    def _decision(self):
        return rules.can_decide_waiver(self.request.user, self.waiver, self.step)

    def decision(self):
        return self._decision

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.step.name != "approve":
            del form.fields["amount"]
        return form

    def get_page_title(self):
        return f"{self.step.label}: {self.waiver}"

    def back_url(self):
        return reverse(INSPECT, args=(self.waiver.pk,))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        w = self.waiver
        context["summary"] = [
            ("Subrecipient", w.subaward.subrecipient),
            ("Match to waive", formats.money(w.amount)),
            ("Why", w.reason),
            ("Waiver policy cited", w.policy.label),
        ]
        return context

    def success_message(self, result) -> str:
        return f"{result} {self.step.done}."

    def run(self, data):
        extra = {"amount": data.get("amount")} if self.step.name == "approve" else {}
        return STEP_OPERATIONS[self.step.name](
            self.request.user, request_id=self.waiver.pk, reason=data["reason"], **extra
        )


# --- the report for OVC ---------------------------------------------------------------------------


class WaiverReportView(SubawardsViewMixin, FormView):
    """Choose the federal award and fiscal year; the workbook downloads."""

    template_name = "subawards/form.html"
    form_class = WaiverReportForm
    page_title = "Report of approved match waivers"

    def dispatch(self, request, *args, **kwargs):
        if not holds_state_permission(request.user, REPORT_READ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"fiscal_year": fiscal_year_of(local_today())}

    def back_url(self):
        return reverse("subawards_waiver_policy:index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = "Download (xlsx)"
        return context

    def form_valid(self, form):
        award, year = form.cleaned_data["award"], form.cleaned_data["fiscal_year"]
        data = waiver_report.collect(award, year, generated_by=formats.person(self.request.user))
        return logged_download(
            self.request,
            waiver_report.render_xlsx(data),
            report="approved_match_waivers",
            title=waiver_report.TITLE,
            version=waiver_report.VERSION,
            fmt="xlsx",
            parameters={"award": award.federal_award_number, "fiscal_year": year},
            filename=waiver_report.filename(award, year),
        )


def waiver_urls():
    return [
        path(
            "subawards/<int:pk>/match-waiver/",
            RequestWaiverView.as_view(),
            name="subawards_request_waiver",
        ),
        path(
            "subawards/match-waivers/<int:pk>/<str:action>/",
            WaiverStepView.as_view(),
            name="subawards_waiver_step",
        ),
        path(
            "subawards/match-waiver-report/",
            WaiverReportView.as_view(),
            name="subawards_waiver_report",
        ),
    ]
