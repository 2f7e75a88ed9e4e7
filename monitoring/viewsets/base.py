"""What the monitoring screens share: the admin frame, a page of sections, a form page that runs
one operation (subawards' OperationPage), and links."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from subawards.viewsets.actions import OperationPage as SubawardsOperationPage
from voca import formats

from .. import permissions


def link(text, url) -> dict:
    return {"text": str(text), "url": url}


def day(value) -> str:
    return formats.day(value) if value else "-"


class MonitoringFrame(WagtailAdminTemplateMixin):
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class StatePage(MonitoringFrame, TemplateView):
    """A page the state's monitoring readers (grants manager, auditor) open; others are refused."""

    template_name = "monitoring/page.html"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_monitoring(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class OperationPage(MonitoringFrame, SubawardsOperationPage):
    """A form page whose valid form runs one monitoring operation (the grants manager's by
    default)."""

    template_name = "monitoring/form.html"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_monitoring(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def decision(self):
        return permissions.can_monitor(self.request.user)

    def success_message(self, result) -> str:
        return "Saved."
