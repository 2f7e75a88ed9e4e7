"""The ledger's overview screens: dashboard, balances as of a date, the home-page panel, menus."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from voca.parsing import parse_id

from .. import ledger, permissions
from ..admin_share import admin_share
from ..forms import AsOfForm
from ..models import Award
from ..portfolio import portfolio


class GrantsViewMixin(WagtailAdminTemplateMixin):
    """Any grants role may look; everyone else gets a 403."""

    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_grants(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def award(self):
        award_id = self.request.GET.get("award")
        queryset = Award.objects.all()
        if award_id:
            award = queryset.filter(pk=parse_id(award_id)).first()
            if award is None:
                raise Http404("No such award")
            return award
        # Unless asked, the award whose money lapses first among those not closed out.
        return queryset.not_closed().lapsing_first().first() or queryset.first()


class DashboardView(GrantsViewMixin, TemplateView):
    template_name = "grants/dashboard.html"
    page_title = "VOCA dashboard"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["awards"] = Award.objects.all()
        context["portfolio"] = everything = portfolio()
        context["award"] = self.award
        # Its lines link to the draw form, which suggests the line of the award lapsing first.
        context["draw_links"] = (
            permissions.can_request_draw(self.request.user)
            and self.award is not None
            and not self.award.is_closed
        )
        if self.award:
            # The award's figures are the portfolio's row for it: its draws are summed once.
            row = next((r for r in everything.rows if r.award.pk == self.award.pk), None)
            context["outlook"] = row.outlook if row else ledger.outlook(self.award)
            context["balances"] = context["outlook"].balances
            context["admin_share"] = admin_share(self.award)
        return context


class BalancesAsOfView(GrantsViewMixin, TemplateView):
    template_name = "grants/balances_as_of.html"
    page_title = "Balances as of a date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET if "at" in self.request.GET else None
        initial = {"award": self.award} if self.award else {}
        form = AsOfForm(data, initial=initial)
        context["form"] = form
        if data is not None and form.is_valid():
            at = form.cleaned_data["at"]
            context["at"] = at
            context["balances"] = ledger.balances_as_of(form.cleaned_data["award"].pk, at)
            context["award"] = form.cleaned_data["award"]
        return context


class GrantsMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_grants(request.user)


class DashboardViewSet(ViewSet):
    name = "grants_dashboard_menu"
    menu_label = "Dashboard"
    icon = "table"
    menu_item_class = GrantsMenuItem

    def get_urlpatterns(self):
        return []  # the view's URL comes from admin_urls(); this only adds the menu item

    @property
    def menu_url(self):
        return reverse("grants_dashboard")


class BalancesViewSet(DashboardViewSet):
    name = "grants_balances_menu"
    menu_label = "Balances as of…"
    icon = "date"

    @property
    def menu_url(self):
        return reverse("grants_balances")


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(permissions.reports_for(request.user))


def reports_menu_item():
    return ReportsMenuItem(
        "Compliance reports",
        reverse("grants_reports"),
        name="compliance-reports",
        icon_name="download",
        order=310,
    )


class AwardPanel(Component):
    """Every open award in one line each, with the portfolio's lapse warnings."""

    name = "voca_award"
    order = 50
    template_name = "grants/home_panel.html"

    def __init__(self, view):
        self.portfolio = view

    def get_context_data(self, parent_context=None):
        return {"portfolio": self.portfolio}


def add_award_panel(request, panels):
    """The home page shows the grants staff every award they work on (the portfolio)."""
    if permissions.can_view_grants(request.user):
        view = portfolio()
        if view.rows:
            panels.append(AwardPanel(view))
