"""The public site's snippets in the admin."""

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SiteTexts


class SiteTextsViewSet(SnippetViewSet):
    model = SiteTexts
    icon = "doc-full"
    menu_label = "Site texts"
    add_to_settings_menu = True
    list_display = ["__str__", "crisis_line_label", "emergency_note"]
