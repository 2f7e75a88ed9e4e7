"""The Reports area of the admin: pick a report, period and as-of; follow the file being built.

Every view decides access through ``grants.permissions``; a role without the report's permission
gets a 403 for the report page and for every download.
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.defaults import permission_denied
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import permissions
from ..reports.context import user_names
from ..reports.registry import CONTENT_TYPES, REPORTS
from .forms import ReportForm
from .models import GeneratedExport
from .operations import log_file, request_export
from .tasks import build_export


def forbidden(request):
    """A real 403: Wagtail's admin would turn a raised PermissionDenied into a redirect home."""
    return permission_denied(request, PermissionDenied())


class ReportsMixin(WagtailAdminTemplateMixin):
    header_icon = "download"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("grants_reports"), "label": "Compliance reports"},
            {"url": "", "label": self.get_page_title()},
        ]


def _my_exports(user):
    allowed = {r.key for r in permissions.reports_for(user)}
    exports = list(GeneratedExport.objects.filter(requested_by=user, report__in=allowed)[:20])
    for export in exports:
        export.title = REPORTS[export.report].title
    return exports


class ReportsIndexView(ReportsMixin, TemplateView):
    template_name = "grants/reports/index.html"
    page_title = "Compliance reports"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.reports_for(request.user):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "Compliance reports"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        exports = _my_exports(self.request.user)
        context.update(
            reports=permissions.reports_for(self.request.user),
            exports=exports,
            pending=any(e.is_pending for e in exports),
        )
        return context


class ReportView(ReportsMixin, FormView):
    template_name = "grants/reports/report.html"
    form_class = ReportForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.report = REPORTS.get(kwargs["key"])
        if self.report is None:
            raise Http404("No such report")

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_run_report(request.user, self.report.key):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.report.title

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "report": self.report}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "report": self.report}

    def form_valid(self, form):
        data = form.cleaned_data
        request_export(
            actor=self.request.user,
            report=self.report.key,
            fmt=data["format"],
            period=data["period"],
            as_of=data.get("as_of"),
            award_number=data["award"].federal_award_number if data.get("award") else "",
            queue=build_export.enqueue,
        )
        return redirect("grants_reports")


def logged_download(
    request,
    content: bytes,
    *,
    report: str,
    title: str,
    version: str,
    fmt: str,
    parameters,
    filename,
) -> HttpResponse:
    """A file built during the request (other apps' workbooks made with the same helpers: the
    quarterly roll-up, a SAR, the FFATA export, the approved waivers): written to the export log
    (who, what, its parameters and SHA-256) before it is handed out, and never cached."""
    user = request.user
    log_file(
        user,
        run_by=user_names().get(user.pk, user.get_username()),
        report=report,
        title=title,
        version=version,
        fmt=fmt,
        parameters=parameters,
        content=content,
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def download_view(request, pk):
    export = get_object_or_404(permissions.visible_exports(request.user), pk=pk)
    if not permissions.can_download_export(request.user, export):
        return forbidden(request)
    if not export.is_downloadable:
        raise Http404("This file is not ready, failed or has expired.")
    name = export.file.name.rsplit("/", 1)[-1]
    response = FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES[export.format],
    )
    response["Cache-Control"] = "private, no-store"
    return response


class ExportLogView(ReportsMixin, TemplateView):
    """Read-only: there is no edit or delete view for the export log, and the model refuses both."""

    template_name = "grants/reports/log.html"
    page_title = "Export log"

    def dispatch(self, request, *args, **kwargs):
        if not (
            permissions.can_see_export_log(request.user) or permissions.reports_for(request.user)
        ):
            return forbidden(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = permissions.visible_export_logs(self.request.user)
        page = Paginator(entries, 50).get_page(self.request.GET.get("p"))
        context.update(page=page, entries=page.object_list)
        return context


def admin_urls():
    return [
        path("reports/", ReportsIndexView.as_view(), name="grants_reports"),
        path("reports/log/", ExportLogView.as_view(), name="grants_export_log"),
        path("reports/files/<int:pk>/", download_view, name="grants_export_download"),
        path("reports/<slug:key>/", ReportView.as_view(), name="grants_report"),
    ]
