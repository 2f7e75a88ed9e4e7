"""The public site's language: from the URL prefix alone (/es/, /bs/; the default unprefixed).

No cookie, no Accept-Language guess and so no ``Vary``: the same URL always answers in the same
language, which keeps public pages cacheable and lets a visitor share a link in their language.
The admin is untouched: it runs in the default language (Wagtail picks a user's own).
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from urllib.parse import urlencode

import babel
from django.conf import settings
from django.dispatch import Signal
from django.utils import translation
from django.utils.translation import get_language_from_path
from wagtail_localize.fields import BaseTranslatableField

from voca.locales import locales_cached


class KeptField(BaseTranslatableField):
    """A field each translation keeps as it was created: never offered to translators (so never
    counted as a missing translation when one is published) nor copied from the source."""

    def __repr__(self):
        return f"<KeptField {self.field_name}>"


# A page keeps its address in every language (only the /es/ or /bs/ prefix differs): the
# translation editor showed the slug on its Promote tab, then counted it as missing on publish.
PAGE_TRANSLATABLE_FIELDS = [KeptField("slug")]


def is_admin_path(path_info: str) -> bool:
    return path_info.startswith(settings.VOCA_ADMIN_PATH_PREFIX)


def default_language() -> str:
    return settings.LANGUAGE_CODE


def public_language(path_info: str) -> str:
    """The language a public URL is in: its prefix, else the default."""
    if is_admin_path(path_info):
        return default_language()
    return get_language_from_path(path_info) or default_language()


class PublicLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = public_language(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            with locales_cached():
                response = self.get_response(request)
        finally:
            translation.deactivate()
        if not is_admin_path(request.path_info):
            response.headers.setdefault("Content-Language", language)
        return response


def with_query(url: str, query: str) -> str:
    """``url`` with the visitor's GET filters kept (the page number dropped: lists differ)."""
    return f"{url}?{query}" if query else url


def filters_query(request) -> str:
    items = [(k, v) for k, values in request.GET.lists() if k != "page" for v in values]
    return urlencode(items)


# --- Dates and times as the visitor's language writes them -------------------------------------


def local_date(value) -> str:
    """'Thursday, November 26, 2026'; 'jueves, 26 de noviembre de 2026'; 'četvrtak, 26. ...'."""
    from django.utils.formats import date_format
    from django.utils.translation import pgettext

    return date_format(value, pgettext("long date with weekday", "l, F j, Y"))


def local_month(value) -> str:
    """'November 2026'; 'noviembre de 2026'."""
    from django.utils.formats import date_format

    return date_format(value, "YEAR_MONTH_FORMAT")


def local_time(value) -> str:
    """'10 a.m.', '1:30 p.m.' in English (as St. Louis writes it); '10:00', '13:30' elsewhere."""
    from django.utils.formats import time_format
    from django.utils.translation import get_language

    from voca.clock import clock_label

    if (get_language() or "en").startswith("en"):
        return clock_label(value)
    return time_format(value, "H:i")


# --- Numbers and distances as the visitor's language writes them (CLDR, through Babel) ---------


def babel_locale(language: str | None = None) -> babel.Locale:
    """The CLDR locale of ``language`` (the active one by default): 'es', 'bs', 'zh_Hans'."""
    from django.utils.translation import get_language, to_locale

    return _babel_locale(to_locale(language or get_language() or default_language()))


@cache
def _babel_locale(name: str) -> babel.Locale:
    try:
        return babel.Locale.parse(name)
    except (ValueError, babel.UnknownLocaleError):
        return babel.Locale.parse("en")


def local_decimal(value, digits: int = 1) -> str:
    """0.3 in English, 0,3 in Spanish and Bosnian; ``digits`` decimals, rounded half up."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(_rounded(value, digits), format=pattern, locale=babel_locale())


def _rounded(value, digits: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def plural_count(value, digits: int = 0) -> int:
    """A whole number in the same plural form as ``value`` written with ``digits`` decimals, for
    ngettext (gettext's rules read whole numbers only; CLDR's read the decimals: Bosnian writes
    "0,3 milje" but "0,5 milja")."""
    locale = babel_locale()
    return _whole_number_of(locale, locale.plural_form(_rounded(value, digits)))


@cache
def _whole_number_of(locale: babel.Locale, category: str) -> int:
    return next((n for n in range(1000) if locale.plural_form(n) == category), 5)


def local_miles(value, digits: int = 1) -> str:
    """'0.3 miles', '1 mile'; '0,3 millas'; '0,3 milje', '5 milja'."""
    from django.utils.translation import ngettext

    return ngettext("%(miles)s mile", "%(miles)s miles", plural_count(value, digits)) % {
        "miles": local_decimal(value, digits)
    }


def miles_patterns() -> dict[str, str]:
    """'{miles} miles' for each plural category (CLDR) of the visitor's language: the browser
    picks one with Intl.PluralRules for a distance it works out itself (near me)."""
    from django.utils.translation import ngettext

    locale = babel_locale()
    return {
        category: ngettext("%(miles)s mile", "%(miles)s miles", _whole_number_of(locale, category))
        % {"miles": "{miles}"}
        for category in sorted(locale.plural_form.tags | {"other"})
    }


# --- Machine translations (the demo's) ---------------------------------------------------------

# Sent with ``instance``, the page or snippet a machine has just translated, so that the public
# site marks it "machine draft — needs review" (cms) without the apps that translate knowing it.
machine_translated = Signal()


def translate_page(source, language_code: str, fields: dict) -> bool:
    """Publish ``source`` in ``language_code`` with ``fields`` (replacing the alias that stood
    for it), a machine draft; False when a real translation is there already."""
    from voca.locales import locale_for

    locale = locale_for(language_code)
    target = source.get_translation_or_none(locale)
    if target is None:
        target = source.copy_for_translation(locale, copy_parents=True)
    target = target.specific
    if target.alias_of_id is None and target.live:
        return False
    target.alias_of = None
    for name, value in fields.items():
        setattr(target, name, value)
    target.save()
    target.save_revision().publish()
    machine_translated.send(sender=type(target), instance=target)
    return True


def translate_snippet(source, language_code: str, fields: dict) -> bool:
    """The translation of the snippet ``source`` in ``language_code`` with ``fields``, a machine
    draft; False when a translation is there already."""
    from voca.locales import locale_for

    locale = locale_for(language_code)
    if source.get_translation_or_none(locale) is not None:
        return False
    target = source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(target, name, value)
    target.save()
    machine_translated.send(sender=type(target), instance=target)
    return True


# --- The language each piece of text is really in (WCAG 2.2 SC 3.1.2, language of parts) -------

_NO_SOURCE = object()


def text_source(obj):
    """What ``obj`` (a page or snippet in another language) stands in for or was translated from:
    an alias's source page, else the default language's version of it; None for the default
    language's own objects. Read once per object (a listing sets it for all its entries at once:
    ``_text_source``); a snippet is looked up only when its caller set it."""
    known = getattr(obj, "_text_source", _NO_SOURCE)
    if known is not _NO_SOURCE:
        return known
    batch = getattr(obj, "_label_batch", None)
    if batch is not None:
        batch.load()
        known = getattr(obj, "_text_source", _NO_SOURCE)
        if known is not _NO_SOURCE:
            return known
    from wagtail.models import Page

    from voca.locales import default_locale

    source = None
    if isinstance(obj, Page):
        model = type(obj)
        if obj.alias_of_id:
            source = model.objects.filter(pk=obj.alias_of_id).first()
        elif obj.locale_id != default_locale().pk:
            source = model.objects.filter(
                translation_key=obj.translation_key, locale=default_locale()
            ).first()
    obj._text_source = source
    return source


def text_language(obj, field: str | None = None) -> str:
    """The language the text ``obj.<field>`` is shown in: an untranslated page (an alias) shows
    its source's text; a translation shows its own, except a field still holding the default
    language's words (not translated yet, or the English notice standing in); anything else is in
    its locale's language."""
    from voca.locales import language_code_of

    if getattr(obj, "locale_id", None) is None:
        return default_language()
    if getattr(obj, "alias_of_id", None):
        source = text_source(obj)
        return language_code_of(source) if source is not None else language_code_of(obj)
    own = language_code_of(obj)
    if field is None or own == default_language():
        return own
    value = getattr(obj, field, None)
    if not value or not str(value).strip():
        return own
    source = text_source(obj)
    if source is not None and getattr(source, field, None) == value:
        return language_code_of(source)
    return own


def lang_attribute(language: str) -> str:
    """' lang="en"' when ``language`` is not the page's (the active one), else ''."""
    from django.utils.html import format_html

    if language == (translation.get_language() or default_language()):
        return ""
    return format_html(' lang="{}"', language)


def in_language(text, language: str):
    """``text`` escaped, in a <span lang> when it is not in the page's language."""
    from django.utils.html import conditional_escape, format_html

    attribute = lang_attribute(language)
    if not attribute:
        return conditional_escape(text)
    return format_html("<span{}>{}</span>", attribute, text)
