"""Wagtail admin viewsets for confidential records.

Wagtail's generic views do not filter rows per user, so every view here is replaced or narrowed by
``services.permissions``: listing, search, filters, export, inspect, edit, history and chooser.
There is no delete: those URLs answer 405.
"""

import django_filters
from django.urls import path
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from events.models import ServiceDayPage
from services import views
from services.models import AccessLog, Client, Contact
from voca.columns import Column, DayColumn, MomentColumn, PersonColumn


class ContactFilterSet(WagtailFilterSet):
    date = django_filters.DateFromToRangeFilter(label="Date", widget=DateRangePickerWidget)
    service_day = django_filters.ModelChoiceFilter(
        queryset=ServiceDayPage.objects.days().order_by("-date"), label="Service day"
    )
    mode = django_filters.ChoiceFilter(choices=Contact.Mode.choices)
    funding_source = django_filters.ChoiceFilter(choices=Contact.Funding.choices)
    voided = django_filters.BooleanFilter()

    class Meta:
        model = Contact
        fields = ["date", "service_day", "mode", "funding_source", "voided"]


class ClientFilterSet(WagtailFilterSet):
    created_at = django_filters.DateFromToRangeFilter(
        label="Registered", widget=DateRangePickerWidget
    )

    class Meta:
        model = Client
        fields = ["created_at", "age_group", "gender_identity"]


class VoidedColumn(Column):
    """ "Voided" on a voided contact and nothing on the others: a mark on every live row read as
    if each of them were void."""

    def __init__(self, name="voided", **kwargs):
        kwargs.setdefault("label", "Status")
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return "Voided" if instance.voided else ""


class ConfidentialViewSet(ModelViewSet):
    """Shared wiring: custom record views, add goes to fast entry, no delete, no usage."""

    add_to_admin_menu = False
    # Confidential rows stay out of Wagtail's reference index (and its background tasks).
    add_to_reference_index = False
    inspect_view_enabled = True
    copy_view_enabled = False
    add_view_class = views.AddRedirectView
    delete_view_class = views.NoDeleteView

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", views.AddRedirectView.as_view(), name="add"),
            path("edit/<int:pk>/", self.edit_record_view.as_view(), name="edit"),
            path("inspect/<int:pk>/", self.inspect_record_view.as_view(), name="inspect"),
            path("history/<int:pk>/", self.history_record_view.as_view(), name="history"),
            path("delete/<int:pk>/", views.NoDeleteView.as_view(), name="delete"),
            *self.extra_urlpatterns(),
        ]

    def extra_urlpatterns(self):
        return []


class ContactViewSet(ConfidentialViewSet):
    model = Contact
    icon = "clipboard-list"
    menu_label = "Contacts"
    name = "services_contact"
    url_prefix = "services/contacts"
    index_view_class = views.ContactIndexView
    edit_record_view = views.ContactEditView
    inspect_record_view = views.ContactInspectView
    history_record_view = views.HistoryView
    search_fields = ["client__code"]
    filterset_class = ContactFilterSet
    list_display = [
        "__str__",
        DayColumn("date"),
        Column("client_label", label="Client"),
        PersonColumn("staff", label="Staff"),
        Column("services_summary", label="Services"),
        Column("minutes"),
        VoidedColumn(),
    ]
    list_export = [
        "pk",
        "date",
        "client_label",
        "staff.username",
        "service_day_id",
        "mode",
        "services_summary",
        "compensation_help",
        "minutes",
        "funding_source",
        "voided",
    ]
    export_headings = {
        "pk": "Contact",
        "client_label": "Client code",
        "staff.username": "Staff",
        "service_day_id": "Service day",
        "services_summary": "Services",
    }
    export_filename = "contacts"

    def extra_urlpatterns(self):
        return [path("void/<int:pk>/", views.VoidContactView.as_view(), name="void")]


class ClientViewSet(ConfidentialViewSet):
    model = Client
    icon = "user"
    menu_label = "Clients"
    name = "services_client"
    url_prefix = "services/clients"
    index_view_class = views.ClientIndexView
    edit_record_view = views.ClientEditView
    inspect_record_view = views.ClientInspectView
    history_record_view = views.ClientHistoryView
    search_fields = ["code"]
    filterset_class = ClientFilterSet
    list_display = [
        "code",
        Column("age_group"),
        Column("gender_identity"),
        DayColumn("created_at", label="Registered"),
    ]
    list_export = ["code", "age_group.code", "gender_identity.code", "race_ethnicity.code"]
    export_headings = {
        "code": "Client code",
        "age_group.code": "Age group",
        "gender_identity.code": "Gender identity",
        "race_ethnicity.code": "Race/ethnicity",
    }
    export_filename = "clients"


class AccessLogFilterSet(WagtailFilterSet):
    record_type = django_filters.ChoiceFilter(
        label="What was read",
        choices=[("services.Client", "Clients"), ("services.Contact", "Contacts")],
    )

    class Meta:
        model = AccessLog
        fields = ["action", "record_type", "user"]


class AccessLogViewSet(ModelViewSet):
    model = AccessLog
    icon = "view"
    menu_label = "Access log"
    name = "services_accesslog"
    url_prefix = "services/access-log"
    add_to_admin_menu = False
    add_to_reference_index = False
    index_view_class = views.AccessLogIndexView
    list_display = [
        MomentColumn("at", label="When"),
        PersonColumn("user", label="Who"),
        Column("action", accessor="get_action_display"),
        Column("record_label", label="What was read"),
        Column("ip_address", label="Address"),
        Column("detail"),
    ]
    filterset_class = AccessLogFilterSet
    list_export = ["at", "user.username", "action", "record_type", "record_id", "ip_address"]
    export_filename = "access-log"

    def get_urlpatterns(self):
        # Read-only: no add, edit, delete or inspect views at all.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


class ClientChooserViewSet(ChooserViewSet):
    model = Client
    icon = "user"
    choose_one_text = "Choose a client"
    name = "services_client_chooser"
    url_prefix = "services/client-chooser"
    choose_view_class = views.ClientChooseView
    choose_results_view_class = views.ClientChooseResultsView
    chosen_view_class = views.ClientChosenView
    create_view_class = views.AddRedirectView

    def get_urlpatterns(self):
        return [
            path("", self.choose_view, name="choose"),
            path("results/", self.choose_results_view, name="choose_results"),
            path("chosen/<str:pk>/", self.chosen_view, name="chosen"),
        ]


class VictimServicesGroup(ModelViewSetGroup):
    menu_label = "Victim services"
    menu_icon = "clipboard-list"
    menu_order = 150
    items = (ContactViewSet, ClientViewSet, AccessLogViewSet)


client_chooser_viewset = ClientChooserViewSet()
