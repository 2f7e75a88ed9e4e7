"""Registers the quarterly performance admin: the reports viewset, its pages and menu items."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import permissions
from .views import admin_urls
from .viewsets import QuarterlyReportViewSet

hooks.register("register_admin_viewset", lambda: QuarterlyReportViewSet("performance_reports"))
hooks.register("register_admin_urls", admin_urls)


class AgencyQuartersMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.preparing_agency(request.user) is not None


@hooks.register("register_admin_menu_item")
def register_agency_quarters_menu_item():
    return AgencyQuartersMenuItem(
        "Our quarterly reports",
        reverse("performance_agency"),
        name="our-quarterly-reports",
        icon_name="table",
        order=321,
    )
