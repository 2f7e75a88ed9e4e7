"""Registers the monitoring admin: its URLs, its menu and the home page's due-and-overdue panel."""

from wagtail import hooks

from .viewsets import add_due_panel, admin_urls, monitoring_menu_item

hooks.register("register_admin_urls", admin_urls)
hooks.register("register_admin_menu_item", monitoring_menu_item)
hooks.register("construct_homepage_panels", add_due_panel)
