"""A menu entry of the Subawards group for a screen that is not a model viewset (the SARs, the
FFATA report): shown only to whom its permission function lets see it."""

from django.urls import reverse
from wagtail.admin.menu import MenuItem, WagtailMenuRegisterable


class ScreenEntry(WagtailMenuRegisterable):
    def __init__(self, label, url_name, icon, shown):
        self.menu_label, self.url_name, self.menu_icon, self.shown = label, url_name, icon, shown

    def on_register(self):
        """Its URLs are the group's (``admin_urls``); its menu item is the group's to show."""

    def get_urlpatterns(self):
        return []

    @property
    def menu_url(self):
        return reverse(self.url_name)

    def get_menu_item(self, order=None):
        shown = self.shown

        class Item(MenuItem):
            def is_shown(self, request):
                return shown(request.user)

        return Item(self.menu_label, self.menu_url, icon_name=self.menu_icon, order=order or 0)
