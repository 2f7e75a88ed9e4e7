"""The quarterly reports list (the state's, filtered; an agency's own) and a report's page (its
figures, every round, the history and the buttons its reader may press). Another agency's report
is not found (404), never shown. ``views.py`` holds the form pages; ``wagtail_hooks`` registers."""

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from grants.viewsets.base import step_buttons, step_notes
from organizations.models import Organization
from voca import formats

from . import figures, permissions
from .models import QuarterlyReport
from .workflows import REPORTS, ReportStatus

INSPECT = "performance_reports:inspect"


class ReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)
    fiscal_year = django_filters.NumberFilter(label="Federal fiscal year")
    quarter = django_filters.ChoiceFilter(choices=[(q, f"Q{q}") for q in range(1, 5)])
    late = django_filters.BooleanFilter(label="Submitted late")
    subaward__subrecipient = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.subrecipients(), label="Subrecipient"
    )

    class Meta:
        model = QuarterlyReport
        fields = ["status", "fiscal_year", "quarter", "late", "subaward__subrecipient"]


class ReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        return permissions.visible_reports(self.request.user)

    @property
    def header_buttons(self):
        user = self.request.user
        buttons = []
        if permissions.is_state_reader(user):
            buttons.append(
                HeaderButton(
                    "Late and missing", url=reverse("performance_missing"), icon_name="warning"
                )
            )
        if permissions.can_download_rollup(user):
            buttons.append(
                HeaderButton("Roll-up", url=reverse("performance_rollup"), icon_name="download")
            )
        if permissions.preparing_agency(user) is not None:
            buttons.append(
                HeaderButton("Our quarters", url=reverse("performance_agency"), icon_name="list-ul")
            )
        return buttons


def figure_tables(data) -> list[tuple[str, list[tuple[str, object]]]]:
    """The figures as the page shows them: (heading, [(question, count), ...])."""
    tables = [("Individuals and contacts", data.summary())]
    tables += [(f"{table} of new individuals", rows) for table, rows in data.demographics]
    tables.append(("Victimization types (individuals)", data.victimizations))
    tables.append(("Special classifications (individuals)", data.special))
    tables.append(
        (
            "Services (individuals / times)",
            [
                (f"{code} {label}" + (" (all)" if cat else ""), f"{n:,} / {t:,}")
                for _, code, label, n, t, cat in data.services
            ],
        )
    )
    return tables


class ReportInspectView(generic.InspectView):
    template_name = "performance/report_inspect.html"

    def get_object(self, queryset=None):
        visible = permissions.visible_reports(self.request.user)
        return get_object_or_404(visible, pk=self.pk)

    @cached_property
    def steps(self):
        return permissions.steps_within_reach(self.request.user, self.object)

    @property
    def header_buttons(self):
        report, user = self.object, self.request.user
        buttons = step_buttons(self.steps, "performance_step", report.pk)
        if REPORTS.is_editable(report) and permissions.can_prepare(user, report.subaward):
            args = (report.subaward_id, report.fiscal_year, report.quarter)
            buttons.append(
                HeaderButton(
                    "Edit the figures", url=reverse("performance_fill", args=args), icon_name="edit"
                )
            )
            buttons.append(
                HeaderButton(
                    "Compute from our contacts",
                    url=reverse("performance_compute", args=args),
                    icon_name="resubmit",
                )
            )
        return buttons

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        data = figures.from_json(report.figures, report.proration_note)
        context["tables"] = figure_tables(data)
        context["notes"] = step_notes(self.steps)
        context["summary"] = [
            ("Subaward", report.subaward.number),
            ("Subrecipient", report.subaward.subrecipient),
            ("Federal award", report.subaward.line.award.federal_award_number),
            ("Quarter", report.quarter_label),
            ("Due", formats.day(report.due_on)),
            ("Status", report.get_status_display()),
            ("Figures", report.get_source_display()),
            ("Submitted late", "Yes" if report.late else "No"),
            ("Rounds submitted", report.round_number),
            ("Proration note", report.proration_note or formats.EMPTY),
            ("Returned because", report.returned_reason or formats.EMPTY),
        ]
        context["rounds"] = [
            (r, formats.person(r.submitted_by))
            for r in report.rounds.select_related("submitted_by").order_by("-number")
        ]
        context["history"] = [
            (
                h.history_date,
                formats.person(h.history_user) if h.history_user else "",
                h.get_status_display(),
                h.history_change_reason or "",
            )
            for h in report.history.select_related("history_user").order_by("history_id")
        ]
        return context


class QuarterlyReportViewSet(ModelViewSet):
    model = QuarterlyReport
    icon = "table"
    menu_label = "Quarterly reports"
    menu_order = 320
    add_to_admin_menu = True
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ReportFilterSet
    list_display = [
        "__str__",
        Column("subrecipient", label="Subrecipient", accessor="subaward.subrecipient"),
        "status",
        Column("due_on", label="Due"),
        BooleanColumn("late", label="Late"),
        Column("round_number", label="Rounds"),
    ]
    form_fields = ["fiscal_year"]
