import json
import re

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

register = template.Library()

# The same escapes Django's json_script uses, so text in the data can never end the element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def jsonld(data):
    """schema.org data as <script type="application/ld+json">: data, never executed."""
    text = json.dumps(data, cls=DjangoJSONEncoder, separators=(",", ":")).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def tel_target(number: str) -> str:
    """A tel: URI for a number as people write it, its digit groups joined by hyphens (RFC 3966
    allows no spaces): '(314) 555-0142' -> 'tel:314-555-0142', '+1 314' -> 'tel:+1-314'."""
    text = (number or "").strip()
    groups = re.findall(r"[0-9]+", text)
    return f"tel:{'+' if text.startswith('+') else ''}{'-'.join(groups)}"


@register.simple_tag
def phone_link(number):
    """The number as written, dialled by its digits alone, never broken across lines."""
    if not number:
        return ""
    return format_html('<a class="tel" href="{}">{}</a>', tel_target(number), number)


@register.inclusion_tag("cms/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"items": [], "request": request}
    root = site.root_page.localized
    children = list(root.get_children().live().in_menu().public().specific(defer=True))
    if root.pk != site.root_page.pk:
        # The same order in every language: the default language's (a translation made before
        # its siblings' aliases would otherwise come first).
        order = {
            key: n
            for n, key in enumerate(
                site.root_page.get_children().values_list("translation_key", flat=True)
            )
        }
        children.sort(key=lambda page: order.get(page.translation_key, len(order)))
    items = [root, *children]
    current = context.get("page")
    return {"items": items, "current": current, "request": request}


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page in the visitor's language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return "/"
    return site.root_page.localized.get_url(request) or "/"
