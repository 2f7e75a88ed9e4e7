"""Registers the VOCA ledger's admin; the views themselves live in viewsets.py."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from . import ledger, permissions
from .models import Award, BudgetLine, BudgetRevision, Draw, MatchContribution

# Registered before the viewsets so no fallback policy allows deleting money records.
for _model in (Award, BudgetLine, BudgetRevision, MatchContribution):
    register_permission_policy(_model, permissions.AppendOnlyPolicy(_model))
register_permission_policy(Draw, permissions.DrawPolicy(Draw))

from .viewsets import GrantsViewSetGroup, admin_urls  # noqa: E402


@hooks.register("register_admin_viewset")
def register_grants_viewsets():
    return GrantsViewSetGroup()


@hooks.register("register_admin_urls")
def register_grants_urls():
    return admin_urls()


class AwardPanel(Component):
    name = "voca_award"
    order = 50
    template_name = "grants/home_panel.html"

    def __init__(self, award):
        self.award = award

    def get_context_data(self, parent_context=None):
        view = ledger.outlook(self.award)
        return {"outlook": view, "balances": view.balances}


@hooks.register("construct_homepage_panels")
def add_award_panel(request, panels):
    if permissions.can_view_grants(request.user):
        award = Award.objects.first()
        if award:
            panels.append(AwardPanel(award))


# --- Reports (compliance exports) ---------------------------------------------------------------

from wagtail.admin.menu import MenuItem  # noqa: E402

from . import export_views  # noqa: E402


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(permissions.reports_for(request.user))


@hooks.register("register_admin_urls")
def register_report_urls():
    return export_views.admin_urls()


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(
        "Compliance reports",
        reverse("grants_reports"),
        name="compliance-reports",
        icon_name="download",
        order=310,
    )
