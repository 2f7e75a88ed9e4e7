"""What the sign-in page says about a forgotten password."""

from django import template
from django.conf import settings
from wagtail.admin.views.account import password_reset_enabled

register = template.Library()


@register.simple_tag
def password_help() -> dict:
    # Wagtail's own switch, so the link is shown exactly when its reset view answers.
    return {"reset_enabled": password_reset_enabled(), "ask": settings.VOCA_ACCOUNT_HELP}
