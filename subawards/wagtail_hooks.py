"""Registers the subawards admin: the subrecipients and subawards viewsets, their URLs, and the
home panel of the funder's reports owed."""

from wagtail import hooks

from .viewsets import SubawardsViewSetGroup, admin_urls
from .viewsets.due_panel import add_funder_reports_panel

hooks.register("register_admin_viewset", SubawardsViewSetGroup)
hooks.register("register_admin_urls", admin_urls)
hooks.register("construct_homepage_panels", add_funder_reports_panel)
