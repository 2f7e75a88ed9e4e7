"""Registers the confidential back office with the Wagtail admin (definitions live elsewhere)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from services import panels, permissions, views
from services.models import AccessLog, Client, Contact
from services.viewsets import VictimServicesGroup, client_chooser_viewset

# At import, before the register_admin_viewset hook below: viewsets look policies up there.
register_permission_policy(Contact, permissions.ContactPolicy(Contact))
register_permission_policy(Client, permissions.ClientPolicy(Client))
register_permission_policy(AccessLog, permissions.AccessLogPolicy(AccessLog))


@hooks.register("register_admin_viewset")
def register_services_viewsets():
    return [VictimServicesGroup(), client_chooser_viewset]


@hooks.register("register_admin_urls")
def register_log_contact_url():
    return [
        path("services/log/", views.LogContactView.as_view(), name="services_log_contact"),
        path("services/staffing/", views.StaffingView.as_view(), name="services_staffing"),
    ]


class LogContactMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_log_contacts(request.user)


@hooks.register("register_admin_menu_item")
def register_log_contact_menu_item():
    return LogContactMenuItem(
        "Log a contact",
        reverse("services_log_contact"),
        name="log-contact",
        icon_name="clipboard-list",
        order=140,
    )


class StaffingMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_staff_service_days(request.user)


@hooks.register("register_admin_menu_item")
def register_staffing_menu_item():
    return StaffingMenuItem(
        "Service day staffing",
        reverse("services_staffing"),
        name="service-day-staffing",
        icon_name="calendar-check",
        order=160,
    )


@hooks.register("construct_homepage_panels")
def add_services_panels(request, home_panels):
    home_panels[:0] = panels.panels_for(request.user)
