"""Template tags of the back office; each decision is asked of services.permissions."""

from django import template

from services import permissions

register = template.Library()


@register.simple_tag
def dashboard_search(user) -> str:
    return permissions.dashboard_search_kind(user)
