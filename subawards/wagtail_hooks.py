"""Registers the subawards admin: the subrecipients and subawards viewsets and their URLs."""

from wagtail import hooks

from .viewsets import SubawardsViewSetGroup, admin_urls

hooks.register("register_admin_viewset", SubawardsViewSetGroup)
hooks.register("register_admin_urls", admin_urls)
