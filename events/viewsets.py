"""Admin for service days: every day by date, and the reusable lists behind them."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.ui.tables.pages import PageTitleColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from voca import formats
from voca.columns import DayColumn

from . import permissions
from .models import Language, Location, Service, ServiceDayPage


def _months(request=None):
    dates = ServiceDayPage.objects.dates("date", "month", order="DESC")
    return [(f"{d:%Y-%m}", f"{d:%b %Y}") for d in dates]


class ServiceDayFilterSet(PageFilterSet):
    month = django_filters.ChoiceFilter(label="Month", choices=_months, method="in_month")
    status = django_filters.ChoiceFilter(label="Status", choices=ServiceDayPage.Status.choices)
    location = django_filters.ModelChoiceFilter(
        label="Place", queryset=Location.objects.order_by("name")
    )

    class Meta:
        model = ServiceDayPage
        fields = []

    def in_month(self, queryset, name, value):
        year, _, month = value.partition("-")
        return queryset.filter(date__year=int(year), date__month=int(month))


class ServiceDayIndexView(IndexView):
    default_ordering = "date"
    # Each day is listed once, with the languages it is translated into as a column.
    show_locale_labels = False

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_manage_service_days(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .days()
            .with_languages()
            .select_related("location")
            .prefetch_related("staffing")
        )

    def get_valid_orderings(self):
        return [*super().get_valid_orderings(), "date", "-date"]


def _time(day) -> str:
    return formats.hours(day.start_time, day.end_time)


class ServiceDayListingViewSet(PageListingViewSet):
    """Editors find a day by its date, place and status; newest plans at the top of the month."""

    model = ServiceDayPage
    icon = "date"
    menu_label = "All service days"
    name = "service_day_listing"
    index_view_class = ServiceDayIndexView
    filterset_class = ServiceDayFilterSet
    columns = [
        PageTitleColumn("title", label="Title", sort_key="title", classname="title"),
        DayColumn("date", label="Date"),
        Column("time", label="Time", accessor=_time),
        Column("location", label="Place", accessor="location.name"),
        Column("day_status", label="Status", accessor="get_status_display", sort_key="status"),
        Column("staffing", label="Staffing", accessor="staffing_summary"),
        Column("languages", label="Languages", accessor="translations_text"),
    ]

    @cached_property
    def menu_item_class(self):
        class ServiceDaysMenuItem(MenuItem):
            def is_shown(self, request):
                return permissions.can_manage_service_days(request.user)

        return ServiceDaysMenuItem


class LocationViewSet(SnippetViewSet):
    model = Location
    icon = "site"
    menu_label = "Locations"
    list_display = ["name", "street", "zip_code", "area"]
    list_filter = ["area"]
    search_fields = ["name", "street", "zip_code", "area"]
    # A few dozen rows: plain database look-ups, the same on SQLite and PostgreSQL.
    search_backend_name = None


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "list-ul"
    menu_label = "Services offered"
    list_display = ["name", "slug", "sort_order"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    menu_label = "Languages"
    list_display = ["name", "native_name", "code"]


class ServiceDaysViewSetGroup(SnippetViewSetGroup):
    items = (ServiceDayListingViewSet, LocationViewSet, ServiceViewSet, LanguageViewSet)
    menu_icon = "date"
    menu_label = "Service days"
    menu_name = "service-days"
