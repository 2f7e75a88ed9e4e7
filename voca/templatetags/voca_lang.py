"""Each piece of text in the language it is really in (WCAG 2.2 SC 3.1.2): an untranslated page's
English title inside a Spanish page is marked lang="en", the page's own words are not.

    <h1{% lang_of page "title" %}>{{ page.title }}</h1>
    {% translate "Parking:" %} {% in_own_language location "parking" %}
"""

from django import template

from voca.i18n import in_language, lang_attribute, text_language

register = template.Library()


@register.simple_tag
def lang_of(obj, field=None):
    """' lang="en"' for an element holding ``obj.<field>`` when its text is not in the page's
    language; '' when it is."""
    if obj is None:
        return ""
    return lang_attribute(text_language(obj, field))


@register.simple_tag
def in_own_language(obj, field):
    """``obj.<field>``, escaped, in a <span lang> when it is not in the page's language."""
    value = getattr(obj, field, "") if obj is not None else ""
    if not value:
        return ""
    return in_language(value, text_language(obj, field))
