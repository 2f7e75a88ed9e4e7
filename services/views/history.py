"""A record's history: who saved it, when, why and what changed (never names or notes)."""

from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from services import permissions
from services.models import AccessLog
from services.views.common import RecordMixin, log_read
from services.views.records import ClientRecordMixin
from voca.history import field_changes

# Kept for concurrency and ordering, not something a reader asks about.
BOOKKEEPING_FIELDS = frozenset({"version", "created_at", "updated_at"})


def _shown(change, related: dict):
    """A change as the screen names it: related rows by their name, not their key."""
    f = change.field
    if f.is_relation:
        objects = related.setdefault(f.name, {})
        missing = {v for v in (change.old, change.new) if v is not None and v not in objects}
        objects.update(f.related_model._base_manager.in_bulk(missing))
        return f.name.replace("_", " "), objects.get(change.old), objects.get(change.new)
    return f.name.replace("_", " "), change.old, change.new


class HistoryView(RecordMixin, WagtailAdminTemplateMixin, TemplateView):
    """simple-history rows: who, when, what changed, why. Values of names and notes never kept."""

    template_name = "services/history.html"
    page_title = "History"
    header_icon = "history"
    access_action = AccessLog.Action.HISTORY
    index_url_name = edit_url_name = history_url_name = None

    def get(self, request, pk):
        self.object = self.load_record(request, pk)
        log_read(request, self.object, self.access_action)
        return super().get(request)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hidden = BOOKKEEPING_FIELDS | permissions.hidden_history_fields(
            self.request.user, type(self.object)
        )
        rows = self.object.history.select_related("history_user").order_by("history_id")
        related = {}
        entries = [
            {
                "row": version.row,
                # The first row is the record as created: nothing changed yet.
                "changes": []
                if version.first
                else [_shown(change, related) for change in version.changes],
            }
            for version in field_changes(rows, hidden=hidden)
        ]
        context.update(object=self.object, entries=entries[::-1])
        return context


class ClientHistoryView(ClientRecordMixin, HistoryView):
    pass
