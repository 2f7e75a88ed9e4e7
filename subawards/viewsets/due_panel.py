"""The grants manager's home panel of the funder's reports still owed on subawards: each SAR (its
90-day clock) and FFATA action not yet reported, soonest first (``subawards.due``)."""

from django.core.cache import cache
from wagtail.admin.ui.components import Component

from voca import clock
from voca.due import soonest_first

from .. import permissions
from ..due import ffata_items, sar_items


class FunderReportsPanel(Component):
    name = "subawards_funder_reports"
    order = 60
    template_name = "subawards/funder_reports_panel.html"

    def __init__(self, items, today):
        self.items, self.today = items, today

    def get_context_data(self, parent_context=None):
        rows = []
        for item in self.items:
            days = (item.due_on - self.today).days
            rows.append(
                {
                    "item": item,
                    "status": item.status(self.today),
                    "clock": f"{days} day{'s' if days != 1 else ''} left"
                    if days >= 0
                    else f"{-days} day{'s' if days != -1 else ''} overdue",
                }
            )
        return {"rows": rows}


def add_funder_reports_panel(request, panels):
    user = request.user
    if permissions.holds_state_permission(user, permissions.SAR_READ):
        # The same for every state reader: listed at most a minute ago (the SAR and FFATA
        # screens themselves are live).
        items = cache.get_or_set(
            f"subawards:funder-due:{clock.local_today().isoformat()}",
            lambda: soonest_first([*sar_items(), *ffata_items()]),
            60,
        )
        if items:
            panels.append(FunderReportsPanel(items, clock.local_today()))
