"""Admin for the reusable lists behind service days: places, services and languages."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Language, Location, Service


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
    items = (LocationViewSet, ServiceViewSet, LanguageViewSet)
    menu_icon = "date"
    menu_label = "Service days"
    menu_name = "service-days"
