"""The grants manager's "Due and overdue" page and its home-page panel with the counts."""

from django.core.cache import cache
from django.urls import reverse
from wagtail.admin.ui.components import Component

from organizations.models import Organization
from voca import clock

from .. import permissions
from ..due_list import FILTERS, all_due, chosen, counts
from .base import StatePage, day, link


class DueView(StatePage):
    page_title = "Due and overdue"
    template_name = "monitoring/due.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = clock.local_today()
        show = self.request.GET.get("show", "soon")
        show = show if show in FILTERS else "soon"
        organizations = list(Organization.objects.subrecipients().order_by("legal_name"))
        raw = self.request.GET.get("organization", "")
        organization_id = int(raw) if raw.isdigit() else None
        names = {o.pk: o.legal_name for o in organizations}
        items = chosen(all_due(today), today, show=show, organization_id=organization_id)
        context.update(
            {
                "filters": [(key, label) for key, (label, _) in FILTERS.items()],
                "show": show,
                "organizations": organizations,
                "organization_id": organization_id,
                "sections": [
                    {
                        "headers": ["Due", "Status", "What", "Subject", "Organization"],
                        "rows": [
                            [
                                day(i.due_on)
                                if i.due_on
                                else f"waiting since {day(i.waiting_since)}",
                                i.status(today)
                                + (f" ({i.days_late(today)} days)" if i.days_late(today) else ""),
                                link(i.kind, i.url) if i.url else i.kind,
                                i.subject,
                                names.get(i.organization_id, "The unit"),
                            ]
                            for i in items
                        ],
                        "empty": "Nothing in this view.",
                    }
                ],
            }
        )
        return context


class DuePanel(Component):
    name = "voca_due"
    order = 60
    template_name = "monitoring/home_panel.html"

    def __init__(self, counted):
        self.counted = counted

    def get_context_data(self, parent_context=None):
        return {"counts": self.counted, "url": reverse("monitoring_due")}


# The home page's counts are the same for every state reader: counted at most a minute ago, not
# every deadline of every app built again on each view (the "Due and overdue" page itself is live).
COUNTS_SECONDS = 60


def add_due_panel(request, panels):
    """The grants manager's (and auditor's) home page: how much is overdue and due soon."""
    if permissions.can_view_monitoring(request.user):
        today = clock.local_today()
        counted = cache.get_or_set(
            f"monitoring:due-counts:{today.isoformat()}",
            lambda: counts(all_due(today), today),
            COUNTS_SECONDS,
        )
        panels.append(DuePanel(counted))
