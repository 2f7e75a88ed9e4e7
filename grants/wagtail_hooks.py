"""Registers the VOCA ledger's admin: viewsets, URLs, menu item and home panel (grants/viewsets/).

The money models' permission policies are registered in GrantsConfig.ready(), before any viewset.
"""

from wagtail import hooks

from .exports import views as export_views
from .viewsets import GrantsViewSetGroup, add_award_panel, admin_urls, reports_menu_item

hooks.register("register_admin_viewset", GrantsViewSetGroup)
hooks.register("register_admin_urls", admin_urls)
hooks.register("register_admin_urls", export_views.admin_urls)
hooks.register("register_admin_menu_item", reports_menu_item)
hooks.register("construct_homepage_panels", add_award_panel)
