"""Listings and their spreadsheet exports: contacts, clients and the access log."""

from wagtail.admin.views import generic

from services import permissions
from services.models import CONFIDENTIAL_CLIENT_FIELDS, CONFIDENTIAL_CONTACT_FIELDS, AccessLog
from services.views.common import deny_unless, log_read
from voca.columns import FastCellsIndexMixin
from voca.paging import KeysetIndexMixin
from voca.spreadsheet import escape_formula


class ServicesIndexMixin(FastCellsIndexMixin):
    """Rows from the policy, 403 for roles without client-level data, exports logged."""

    row_filter = None

    def dispatch(self, request, *args, **kwargs):
        deny_unless(permissions.can_see_client_level_data(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return type(self).row_filter(self.request.user, super().get_base_queryset())

    def get_edit_url(self, instance):
        # Rows open on their record page, which offers "Edit" only where the policy allows.
        return None

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log_read(
            self.request,
            self.model,
            AccessLog.Action.EXPORT,
            detail=f"{queryset.count()} rows as {spreadsheet_format}",
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))


class ContactIndexView(ServicesIndexMixin, KeysetIndexMixin, generic.IndexView):
    """Newest first (or oldest first, sorted by date), paged "Newer"/"Older" by (date, id) off
    the listing's index (voca.paging)."""

    row_filter = staticmethod(permissions.visible_contacts)
    keyset = ("date", "id")
    oldest_first_ordering = "date"
    noun = ("contact", "contacts")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("client", "staff", "service_day")
            .prefetch_related("contact_services__service")
            # A listing shows none of the encrypted fields: they are neither loaded nor decrypted.
            .defer(
                *CONFIDENTIAL_CONTACT_FIELDS,
                "void_reason",
                *(f"client__{f}" for f in CONFIDENTIAL_CLIENT_FIELDS),
            )
        )


class ClientIndexView(ServicesIndexMixin, KeysetIndexMixin, generic.IndexView):
    """By code (or by the sort chosen: code or registration, either way), paged "Previous"/"Next"
    by cursor (voca.paging): no OFFSET, and a count that stops past 1,000, however many clients
    a role sees."""

    row_filter = staticmethod(permissions.visible_clients)
    noun = ("client", "clients")

    def keyset_order(self):
        ordering = self.ordering or "code"
        name = ordering.removeprefix("-")
        return (("code",) if name == "code" else (name, "id")), ordering.startswith("-")

    def page_labels(self, descending):
        return ("Previous", "Next")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("age_group", "gender_identity")
            .defer(*CONFIDENTIAL_CLIENT_FIELDS)
        )


class AccessLogIndexView(FastCellsIndexMixin, generic.IndexView):
    def dispatch(self, request, *args, **kwargs):
        deny_unless(permissions.can_review_access_log(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return permissions.visible_access_log(
            self.request.user, super().get_base_queryset()
        ).select_related("user")

    def get_table(self, object_list):
        # Labels for the page's rows only: two queries however long the log is.
        rows = list(object_list)
        AccessLog.label_records(rows)
        return super().get_table(rows)
