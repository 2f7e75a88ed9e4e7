"""Admin home panels: each role sees the figures of its job and nothing client-level beyond it."""

import datetime

from django.db.models import Count, Q
from wagtail.admin.ui.components import Component

from events.models import ServiceDayPage
from services import permissions
from services.models import Contact
from voca.clock import local_today
from voca.fiscal import quarter_bounds, quarter_of
from voca.locales import admin_language_of


def federal_quarter(day: datetime.date) -> tuple[datetime.date, datetime.date, str]:
    """(first day, last day, label) of the federal fiscal quarter holding ``day``."""
    fiscal_year, quarter = quarter_of(day)
    start, end = quarter_bounds(fiscal_year, quarter)
    return start, end, f"FY{fiscal_year} Q{quarter}"


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


class FieldStaffPanel(Component):
    name = "services_my_work"
    template_name = "services/panels/field_staff.html"
    order = 50

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        today = local_today()
        mine = Contact.objects.logged_by(user).active()
        week = mine.filter(date__gte=week_start(today), date__lte=today)
        days = (
            ServiceDayPage.objects.days()
            .shown_in(admin_language_of(user))
            .filter(staff_assignments__user=user, date__gte=today)
            .select_related("location")
            .order_by("date", "start_time")
        )
        return {
            "week_count": week.count(),
            "week_contacts": week.select_related("client").order_by("-date", "-pk")[:8],
            "today_days": [d for d in days if d.date == today],
            "next_days": [d for d in days if d.date > today][:5],
            "request": parent_context["request"],
        }


class SupervisorPanel(Component):
    name = "services_quarter"
    template_name = "services/panels/supervisor.html"
    order = 50

    def get_context_data(self, parent_context):
        start, end, label = federal_quarter(local_today())
        # The user's own organization's figures only (an agency's never reach the unit's home).
        user = parent_context["request"].user
        quarter = permissions.in_organization_of(user, Contact.objects.active()).between(start, end)
        return {
            "quarter_label": label,
            "start": start,
            "end": end,
            "total": quarter.count(),
            "per_staff": quarter.values("staff__username", "staff__first_name", "staff__last_name")
            .annotate(n=Count("pk"), compensation=Count("pk", filter=Q(compensation_help=True)))
            .order_by("-n"),
            "per_day": quarter.filter(service_day__isnull=False)
            .values("service_day__date", "service_day__title")
            .annotate(n=Count("pk"))
            .order_by("service_day__date"),
        }


class AggregatePanel(Component):
    """For roles without client-level data: counts only."""

    name = "services_counts"
    template_name = "services/panels/aggregate.html"
    order = 60

    def get_context_data(self, parent_context):
        start, end, label = federal_quarter(local_today())
        # The user's own organization's figures only (an agency's never reach the unit's home).
        user = parent_context["request"].user
        quarter = permissions.in_organization_of(user, Contact.objects.active()).between(start, end)
        return {
            "quarter_label": label,
            "contacts": quarter.count(),
            "individuals": quarter.exclude(client=None).values("client").distinct().count(),
            "anonymous": quarter.filter(client=None).count(),
        }


PANELS = {"quarter": SupervisorPanel, "my_work": FieldStaffPanel, "counts": AggregatePanel}


def panels_for(user) -> list[Component]:
    """The home panel ``user``'s role is shown (services.permissions.home_panel_kind)."""
    kind = permissions.home_panel_kind(user)
    return [PANELS[kind]()] if kind else []
