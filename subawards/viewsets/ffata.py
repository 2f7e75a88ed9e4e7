"""Screens of FFATA subaward reporting (the state's): every reportable action with its deadline
and whether it was reported, the export for SAM.gov (xlsx or CSV), "reported" per action, and the
subrecipients' executive-compensation answers."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.views.generic import TemplateView

from grants.exports.views import logged_download
from organizations.models import Organization
from voca import clock, formats

from .. import operations, permissions
from ..funder_forms import ExecutiveCompensationForm, FfataReportForm
from ..models import ExecutiveCompensation
from ..models.ffata import ffata_due_on, reportable_actions
from ..reports import ffata as report
from .actions import OperationPage
from .common import SubawardsViewMixin

INDEX = "subawards_ffata"


class StateOnly:
    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_ffata(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class FfataIndexView(StateOnly, SubawardsViewMixin, TemplateView):
    template_name = "subawards/ffata_index.html"
    page_title = "FFATA reporting"
    header_icon = "doc-full"

    def back_url(self):
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, today = self.request.user, clock.local_today()
        rows = []
        for version in reportable_actions().select_related("ffata_report__reported_by"):
            reported = getattr(version, "ffata_report", None)
            due_on = ffata_due_on(version.effective_on)
            rows.append(
                {
                    "version": version,
                    "due_on": due_on,
                    "overdue": not reported and due_on < today,
                    "reported": reported,
                    "reported_by": formats.person(reported.reported_by) if reported else "",
                    "report_url": reverse("subawards_ffata_report", args=(version.pk,))
                    if permissions.can_report_ffata(user, version)
                    else "",
                }
            )
        answers = {}
        for a in ExecutiveCompensation.objects.select_related("organization").prefetch_related(
            "officers"
        ):
            answers.setdefault(a.organization_id, a)  # the latest first (the model's ordering)
        context.update(
            rows=rows,
            answers=list(answers.values()),
            can_record=permissions.can_record_executive_compensation(user),
            exports=[
                (label, f"{reverse('subawards_ffata_export')}?format={fmt}&which={which}")
                for label, fmt, which in (
                    ("Not yet reported (xlsx)", "xlsx", "unreported"),
                    ("Not yet reported (CSV)", "csv", "unreported"),
                    ("All actions (xlsx)", "xlsx", "all"),
                )
            ],
        )
        return context


def ffata_export_view(request):
    if not permissions.can_view_ffata(request.user):
        raise Http404
    which = "all" if request.GET.get("which") == "all" else "unreported"
    data = report.collect(
        reportable_actions(),
        which=which,
        unit_name=str(Organization.objects.the_unit()),
        generated_by=formats.person(request.user),
    )
    fmt = "csv" if request.GET.get("format") == "csv" else "xlsx"
    content = report.render_csv(data) if fmt == "csv" else report.render_xlsx(data)
    return logged_download(
        request,
        content,
        report="ffata",
        title=report.TITLE,
        version=report.VERSION,
        fmt=fmt,
        parameters={"which": which},
        filename=f"ffata-{which}-{clock.local_today():%Y%m%d}.{fmt}",
    )


class FfataReportView(StateOnly, OperationPage):
    form_class = FfataReportForm
    submit_label = "Mark reported in SAM.gov"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.version = get_object_or_404(reportable_actions(), pk=kwargs["pk"])

    def decision(self):
        return permissions.can_report_ffata(self.request.user, self.version)

    def back_url(self):
        return reverse(INDEX)

    def get_page_title(self):
        return f"FFATA: {self.version.subaward.number} version {self.version.number} reported"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        v = self.version
        context["summary"] = [
            ("Subrecipient", v.subrecipient_name),
            ("Subaward amount", formats.money(v.total_obligated)),
            ("Obligated on", formats.day(v.effective_on)),
            ("Due by", formats.day(ffata_due_on(v.effective_on))),
        ]
        return context

    def success_message(self, result) -> str:
        return f"{result}: reported in SAM.gov."

    def run(self, data):
        return operations.report_ffata(
            self.request.user,
            version_id=self.version.pk,
            reported_on=data["reported_on"],
            confirmation=data["confirmation"],
        )


class ExecutiveCompensationView(StateOnly, OperationPage):
    form_class = ExecutiveCompensationForm
    submit_label = "Record the answers"
    page_title = "Executive compensation (2 CFR 170)"

    def decision(self):
        return permissions.can_record_executive_compensation(self.request.user)

    def back_url(self):
        return reverse(INDEX)

    def success_message(self, result) -> str:
        return f"{result}: recorded."

    def run(self, data):
        form = self.form
        return operations.record_executive_compensation(
            self.request.user,
            organization_id=data["organization"].pk,
            answered_on=data["answered_on"],
            mostly_federal=form.answer("mostly_federal"),
            federal_25m=form.answer("federal_25m"),
            officers=form.officers(),
        )


def ffata_urls():
    return [
        path("subawards/ffata/", FfataIndexView.as_view(), name=INDEX),
        path("subawards/ffata/export/", ffata_export_view, name="subawards_ffata_export"),
        path(
            "subawards/ffata/<int:pk>/reported/",
            FfataReportView.as_view(),
            name="subawards_ffata_report",
        ),
        path(
            "subawards/ffata/executive-compensation/",
            ExecutiveCompensationView.as_view(),
            name="subawards_executive_compensation",
        ),
    ]


__all__ = ["ffata_urls"]
