"""The quarterly report's form pages: an agency's quarters, the figures form, "compute from our
contacts", each workflow step, the state's late and missing lists, and the roll-up download.

Every page that runs an operation is an ``OperationPage`` (subawards'): a refusal shows on the
form and nothing is saved."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from grants.exports.views import logged_download
from grants.reports.context import user_names
from subawards.permissions import visible_subawards
from subawards.viewsets.actions import OperationPage
from subawards.viewsets.common import SubawardsViewMixin
from voca import clock
from voca.decision import Decision
from voca.fiscal import quarter_bounds

from . import figures, operations, permissions, rollup
from .forms import FiguresForm, ReasonForm, RollupForm
from .models import QuarterlyReport, quarter_label
from .schedule import slots
from .viewsets import INSPECT
from .workflows import REPORTS


class PerformanceMixin(SubawardsViewMixin):
    header_icon = "table"

    def back_url(self):
        return reverse("performance_reports:index")


class AgencyQuartersView(PerformanceMixin, TemplateView):
    """The agency's own subawards x ended quarters: status, due date, and what to do next."""

    template_name = "performance/agency.html"
    page_title = "Our quarterly reports"

    def dispatch(self, request, *args, **kwargs):
        if permissions.preparing_agency(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        org = permissions.preparing_agency(self.request.user)
        subawards = org.subawards.filter(obligation__isnull=False).select_related("line__award")
        today = clock.local_today()
        rows = []
        for slot in slots(subawards, today):
            args = (slot.subaward.pk, slot.fiscal_year, slot.quarter)
            report = slot.report
            rows.append(
                {
                    "slot": slot,
                    "status": report.get_status_display() if report else "Not started",
                    "overdue": slot.missing(today),
                    "url": reverse(INSPECT, args=(report.pk,)) if report else "",
                    "fill": reverse("performance_fill", args=args)
                    if report is None or REPORTS.is_editable(report)
                    else "",
                    "compute": reverse("performance_compute", args=args)
                    if report is None or REPORTS.is_editable(report)
                    else "",
                }
            )
        context["rows"] = rows
        return context


class QuarterPage(OperationPage):
    """A page that prepares one subaward's quarter (the figures form, or the compute button)."""

    template_name = "performance/figures_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.subaward = get_object_or_404(visible_subawards(request.user), pk=kwargs["pk"])
        self.fiscal_year, self.quarter = kwargs["fy"], kwargs["q"]
        if self.quarter not in (1, 2, 3, 4):
            raise Http404
        self.report = QuarterlyReport.objects.filter(
            subaward=self.subaward, fiscal_year=self.fiscal_year, quarter=self.quarter
        ).first()

    def decision(self):
        decision = permissions.can_prepare(self.request.user, self.subaward)
        if decision and (
            refusal := operations.quarter_refusal(self.subaward, self.fiscal_year, self.quarter)
        ):
            return Decision.refuse(refusal)
        if decision and self.report is not None and (refusal := REPORTS.edit_refusal(self.report)):
            return Decision.refuse(refusal)
        return decision

    @property
    def label(self):
        return f"{self.subaward.number} {quarter_label(self.fiscal_year, self.quarter)}"

    def back_url(self):
        if self.report is not None:
            return reverse(INSPECT, args=(self.report.pk,))
        return reverse("performance_agency")

    def done_url(self, report) -> str:
        return reverse(INSPECT, args=(report.pk,))

    def success_message(self, report) -> str:
        return f"{report}: figures saved as a draft; submit them when they are right."


class FiguresView(QuarterPage):
    form_class = FiguresForm
    submit_label = "Save the figures"

    def get_page_title(self):
        return f"Figures: {self.label}"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["quarter_end"] = quarter_bounds(self.fiscal_year, self.quarter)[1]
        if self.report is not None and self.request.method == "GET":
            data = figures.from_json(self.report.figures)
            kwargs["initial"] = {
                **figures.form_values(data),
                "proration_note": self.report.proration_note,
            }
        return kwargs

    def run(self, data):
        return operations.enter_figures(
            self.request.user,
            subaward_id=self.subaward.pk,
            fiscal_year=self.fiscal_year,
            quarter=self.quarter,
            values=self.form.values(),
            proration_note=data["proration_note"],
        )


class ComputeView(QuarterPage):
    template_name = "subawards/form.html"
    form_class = ReasonForm
    submit_label = "Compute from our contacts"

    def get_page_title(self):
        return f"Compute from our contacts: {self.label}"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["reason"].required = False
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = [
            (
                "What is counted",
                "The contacts your agency logged in this system in the quarter (and earlier in "
                "the fiscal year, to tell new from continuing), counted by the PMT's rules. Only "
                "the counts are kept; no client or contact leaves your agency.",
            )
        ]
        return context

    def run(self, data):
        return operations.compute_figures(
            self.request.user,
            subaward_id=self.subaward.pk,
            fiscal_year=self.fiscal_year,
            quarter=self.quarter,
        )


STEP_OPERATIONS = {
    "submit": operations.submit_report,
    "return": operations.return_report,
    "accept": operations.accept_report,
}


class StepView(OperationPage):
    form_class = ReasonForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in REPORTS.transitions:
            raise Http404
        self.step = REPORTS[kwargs["action"]]
        self.report = get_object_or_404(permissions.visible_reports(request.user), pk=kwargs["pk"])
        self.submit_label = self.step.label

    @cached_property
    def _decision(self):
        return permissions.can_take_step(self.request.user, self.report, self.step)

    def decision(self):
        return self._decision

    def get_page_title(self):
        return f"{self.step.label}: {self.report}"

    def back_url(self):
        return reverse(INSPECT, args=(self.report.pk,))

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["reason"].required = self.step.reason_required
        if self.step.name == "return":
            form.fields["reason"].label = "What must be corrected"
        return form

    def success_message(self, report) -> str:
        return f"{report}: {report.get_status_display().lower()}."

    def done_url(self, report) -> str:
        return reverse(INSPECT, args=(report.pk,))

    def run(self, data):
        return STEP_OPERATIONS[self.step.name](
            self.request.user, report_id=self.report.pk, reason=data.get("reason") or ""
        )


class LateAndMissingView(PerformanceMixin, TemplateView):
    """The state's lists: reports submitted after their due date, and quarters ended whose due
    date has passed with nothing submitted."""

    template_name = "performance/late_missing.html"
    page_title = "Late and missing quarterly reports"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_state_reader(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from subawards.models import Subaward

        context = super().get_context_data(**kwargs)
        today = clock.local_today()
        subawards = Subaward.objects.with_current().filter(obligation__isnull=False)
        context["missing"] = [
            (s, (today - s.due_on).days) for s in slots(subawards, today) if s.missing(today)
        ]
        context["late"] = [
            (r, reverse(INSPECT, args=(r.pk,)))
            for r in permissions.visible_reports(self.request.user).late()
        ]
        return context


class RollupView(PerformanceMixin, FormView):
    """The state's roll-up for one award and quarter, built and logged when asked for."""

    template_name = "subawards/form.html"
    form_class = RollupForm
    page_title = "Quarterly performance roll-up"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_download_rollup(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["submit_label"] = "Download"
        return context

    def form_valid(self, form):
        from grants.reports.period import Period

        award, fmt = form.cleaned_data["award"], form.cleaned_data["format"]
        try:
            period = Period.from_quarter(form.cleaned_data["quarter"])
        except ValueError as error:
            form.add_error("quarter", str(error))
            return self.form_invalid(form)
        fy, q = int(period.quarter[2:6]), int(period.quarter[-1])
        user = self.request.user
        run_by = user_names().get(user.pk, user.get_username())
        data = rollup.collect(award, fy, q, run_by=run_by, as_of=clock.now())
        content = rollup.render_xlsx(data) if fmt == "xlsx" else rollup.render_pdf(data)
        return logged_download(
            self.request,
            content,
            report="performance_rollup",
            title=rollup.TITLE,
            version=rollup.VERSION,
            fmt=fmt,
            parameters={"quarter": period.quarter, "award": award.federal_award_number},
            filename=rollup.filename(award, fy, q, fmt),
        )


def admin_urls():
    return [
        path("performance/our-quarters/", AgencyQuartersView.as_view(), name="performance_agency"),
        path(
            "performance/<int:pk>/<int:fy>/<int:q>/figures/",
            FiguresView.as_view(),
            name="performance_fill",
        ),
        path(
            "performance/<int:pk>/<int:fy>/<int:q>/compute/",
            ComputeView.as_view(),
            name="performance_compute",
        ),
        path(
            "performance/reports/<int:pk>/step/<str:action>/",
            StepView.as_view(),
            name="performance_step",
        ),
        path(
            "performance/late-and-missing/",
            LateAndMissingView.as_view(),
            name="performance_missing",
        ),
        path("performance/roll-up/", RollupView.as_view(), name="performance_rollup"),
    ]
