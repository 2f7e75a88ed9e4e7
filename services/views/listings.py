"""Listings and their spreadsheet exports: contacts, clients and the access log."""

from wagtail.admin.views import generic

from services import permissions
from services.models import CONFIDENTIAL_CLIENT_FIELDS, CONFIDENTIAL_CONTACT_FIELDS, AccessLog
from services.views.common import deny_unless, log_read
from voca.paging import COUNT_CAP, KeysetPaginator
from voca.spreadsheet import escape_formula


class ServicesIndexMixin:
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


class ContactIndexView(ServicesIndexMixin, generic.IndexView):
    """Newest first (or oldest first, sorted by date), paged "Newer"/"Older" by (date, id) off
    the listing's index: the same few queries on the first page as deep in 100,000 contacts,
    and a count that stops past 1,000 (voca.paging)."""

    row_filter = staticmethod(permissions.visible_contacts)
    results_template_name = "services/contact_index_results.html"
    keyset = ("date", "id")
    count_cap = COUNT_CAP

    @property
    def newest_first(self) -> bool:
        return self.ordering != "date"

    def order_queryset(self, queryset):
        # The listing's key in full, so that contacts of one day keep their order too.
        return queryset.order_by(*(("-" + n if self.newest_first else n) for n in self.keyset))

    def paginate_queryset(self, queryset, page_size):
        paginator = KeysetPaginator(
            queryset, self.keyset, page_size, self.newest_first, self.count_cap
        )
        page = paginator.page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator, page = context["paginator"], context["page_obj"]
        if page is None:  # an export: every row, no pages
            return context
        context["items_count_label"] = (
            f"More than {paginator.cap:,} contacts"
            if paginator.more_than_cap
            else f"{paginator.count:,} contact{'' if paginator.count == 1 else 's'}"
        )
        newer = ("Newer", page.after and str(page.after))
        older = ("Older", page.before and str(page.before))
        context["page_links"] = [newer, older] if self.newest_first else [older, newer]
        return context

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


class ClientIndexView(ServicesIndexMixin, generic.IndexView):
    row_filter = staticmethod(permissions.visible_clients)

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("age_group", "gender_identity")
            .defer(*CONFIDENTIAL_CLIENT_FIELDS)
        )


class AccessLogIndexView(generic.IndexView):
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
