"""The VOCA ledger in the Wagtail admin, one module per screen; wagtail_hooks registers these."""

from django.urls import path
from wagtail.admin.viewsets.base import ViewSetGroup

from .budget import AwardViewSet, BudgetLineViewSet
from .closeout import CloseOutView
from .dashboard import (
    BalancesAsOfView,
    BalancesViewSet,
    DashboardView,
    DashboardViewSet,
    add_award_panel,
    reports_menu_item,
)
from .documents import document_view
from .draws import DrawActionView, DrawViewSet
from .match import MatchViewSet
from .revisions import RevisionActionView, RevisionViewSet

__all__ = ["GrantsViewSetGroup", "add_award_panel", "admin_urls", "reports_menu_item"]


class GrantsViewSetGroup(ViewSetGroup):
    menu_label = "VOCA grant"
    menu_icon = "doc-full-inverse"
    menu_order = 300
    items = (
        DashboardViewSet(),
        BalancesViewSet(),
        AwardViewSet("grants_awards"),
        BudgetLineViewSet("grants_lines"),
        RevisionViewSet("grants_revisions"),
        DrawViewSet("grants_draws"),
        MatchViewSet("grants_match"),
    )


def admin_urls():
    return [
        path("grants/dashboard/", DashboardView.as_view(), name="grants_dashboard"),
        path("grants/balances/", BalancesAsOfView.as_view(), name="grants_balances"),
        path("grants/awards/<int:pk>/close-out/", CloseOutView.as_view(), name="grants_close_out"),
        path(
            "grants/draws/<int:pk>/<str:action>/",
            DrawActionView.as_view(),
            name="grants_draw_action",
        ),
        path(
            "grants/revisions/<int:pk>/<str:action>/",
            RevisionActionView.as_view(),
            name="grants_revision_action",
        ),
        path(
            "grants/documents/<str:model_name>/<int:pk>/",
            document_view,
            name="grants_document",
        ),
    ]
