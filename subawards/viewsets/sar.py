"""Screens of the SAR: the list (each issued subaward's SAR with its 90-day clock), a SAR's page
(the state's part from the records, the subrecipient's part, who reported it), the subrecipient's
form, the state's "reported in PMT" form and the workbook. Another agency's SAR is not found."""

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from grants.exports.views import logged_download
from organizations.models import Organization
from voca import clock, formats

from .. import operations, permissions
from ..funder_forms import ReportedOnForm, SarPartForm
from ..models.sar import BUDGET_SOURCES, STAFFING, sar_due_on, sar_start
from ..operations.sar import sar_of
from ..reports import sar as report
from .actions import OperationPage
from .common import SubawardsViewMixin

MONEY_LABELS = {label for _f, label in BUDGET_SOURCES} | {report.TOTAL_BUDGET}


def shown(value) -> str:
    """A SAR value as the page shows it: dollars, a day, or the text."""
    if isinstance(value, Decimal) and not isinstance(value, bool):
        return formats.money(value)
    if isinstance(value, dt.date):
        return formats.day(value)
    return str(value) if value not in (None, "") else formats.EMPTY


def sar_clock(subaward, sar, today) -> dict:
    """The 90-day clock: start, due date, and days left (negative: days over); done once
    reported."""
    start = sar_start(subaward)
    due_on = sar_due_on(start)
    done = sar.status == "reported"
    days = (due_on - today).days if due_on else None
    if done:
        text = f"Reported in PMT on {formats.day(sar.reported_on)}"
    elif days is None:
        text = "Not due: the subaward is not issued"
    elif days >= 0:
        text = f"{days} day{'s' if days != 1 else ''} left (due {formats.day(due_on)})"
    else:
        text = f"{-days} day{'s' if days != -1 else ''} overdue (was due {formats.day(due_on)})"
    return {"start": start, "due_on": due_on, "days_left": days, "done": done, "text": text}


class SarIndexView(SubawardsViewMixin, TemplateView):
    template_name = "subawards/sar_index.html"
    page_title = "SARs"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_sars(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def back_url(self):
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.local_today()
        rows = []
        for subaward in permissions.visible_sar_subawards(self.request.user).select_related("sar"):
            sar = sar_of(subaward)
            rows.append(
                {
                    "subaward": subaward,
                    "status": sar.get_status_display(),
                    "clock": sar_clock(subaward, sar, today),
                    "url": reverse("subawards_sar", args=(subaward.pk,)),
                }
            )
        context["rows"] = sorted(
            rows, key=lambda r: (r["clock"]["done"], r["clock"]["due_on"] or today)
        )
        return context


class SarMixin:
    """The subaward the URL names, if ``user`` may read its SAR; otherwise not found."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.subaward = get_object_or_404(
            permissions.visible_sar_subawards(request.user), pk=kwargs["pk"]
        )
        self.sar = sar_of(self.subaward)

    def back_url(self):
        return reverse("subawards_sar", args=(self.subaward.pk,))


class SarView(SarMixin, SubawardsViewMixin, TemplateView):
    template_name = "subawards/sar.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return f"SAR {self.subaward.number}"

    def back_url(self):
        return reverse("subawards_sars")

    @cached_property
    def data(self):
        return report.collect(
            self.subaward,
            self.sar,
            unit_name=str(Organization.objects.the_unit()),
            generated_by=formats.person(self.request.user),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, sar = self.request.user, self.sar
        context.update(
            data=self.data,
            clock=sar_clock(self.subaward, sar, clock.local_today()),
            submit=permissions.can_submit_sar(user, sar),
            report=permissions.can_report_sar(user, sar),
            submit_url=reverse("subawards_sar_submit", args=(self.subaward.pk,)),
            report_url=reverse("subawards_sar_report", args=(self.subaward.pk,)),
            xlsx_url=reverse("subawards_sar_xlsx", args=(self.subaward.pk,)),
            submitted_by=formats.person(sar.submitted_by) if sar.submitted_by else "",
            state_rows=[(label, shown(value)) for label, value in self.data.state_part],
            agency_rows=[
                (label, shown(value) if label in MONEY_LABELS else str(value))
                for label, value in self.data.agency_part
            ],
        )
        return context


class SarPartView(SarMixin, OperationPage):
    form_class = SarPartForm
    submit_label = "Submit our part"

    def decision(self):
        return permissions.can_submit_sar(self.request.user, self.sar)

    def get_page_title(self):
        return f"Our part of SAR {self.subaward.number}"

    def get_form_kwargs(self):
        fields = [f for f, _l in (*BUDGET_SOURCES, *STAFFING)]
        initial = {f: getattr(self.sar, f) for f in fields} if self.sar.pk else {}
        return {**super().get_form_kwargs(), "initial_part": initial}

    def success_message(self, result) -> str:
        return f"{result}: your part is submitted."

    def run(self, data):
        return operations.submit_sar_part(
            self.request.user, subaward_id=self.subaward.pk, values=self.form.values()
        )


class SarReportView(SarMixin, OperationPage):
    form_class = ReportedOnForm
    submit_label = "Mark reported in PMT"

    def decision(self):
        return permissions.can_report_sar(self.request.user, self.sar)

    def get_page_title(self):
        return f"SAR {self.subaward.number}: reported in PMT"

    def success_message(self, result) -> str:
        return f"{result}: reported in PMT."

    def run(self, data):
        return operations.report_sar(
            self.request.user, subaward_id=self.subaward.pk, reported_on=data["reported_on"]
        )


def sar_xlsx_view(request, pk):
    subaward = get_object_or_404(permissions.visible_sar_subawards(request.user), pk=pk)
    data = report.collect(
        subaward,
        sar_of(subaward),
        unit_name=str(Organization.objects.the_unit()),
        generated_by=formats.person(request.user),
    )
    return logged_download(
        request,
        report.render_xlsx(data),
        report="sar",
        title=report.TITLE,
        version=report.VERSION,
        fmt="xlsx",
        parameters={"subaward": subaward.number},
        filename=report.filename(data),
    )


def sar_urls():
    return [
        path("subawards/sars/", SarIndexView.as_view(), name="subawards_sars"),
        path("subawards/sars/<int:pk>/", SarView.as_view(), name="subawards_sar"),
        path(
            "subawards/sars/<int:pk>/our-part/", SarPartView.as_view(), name="subawards_sar_submit"
        ),
        path(
            "subawards/sars/<int:pk>/reported/",
            SarReportView.as_view(),
            name="subawards_sar_report",
        ),
        path("subawards/sars/<int:pk>/sar.xlsx", sar_xlsx_view, name="subawards_sar_xlsx"),
    ]


__all__ = ["sar_clock", "sar_urls"]
