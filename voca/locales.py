"""Wagtail's locales, read once per public request (a page, its switcher and its snippets all
ask for them) instead of once per question; outside a request every call reads the database."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.translation import get_language
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.models import Locale

_request_locales: ContextVar[dict | None] = ContextVar("voca_request_locales", default=None)


@contextmanager
def locales_cached():
    token = _request_locales.set({})
    try:
        yield
    finally:
        _request_locales.reset(token)


def all_locales() -> dict[str, Locale]:
    """Every locale by language code."""
    cached = _request_locales.get()
    if cached:
        return cached
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    if cached is not None:
        cached.update(locales)
    return locales


def language_code_of(obj) -> str:
    """The language code of a translatable object's locale, without reading its locale row."""
    for code, locale in all_locales().items():
        if locale.pk == obj.locale_id:
            return code
    return obj.locale.language_code


def locale_for(language_code: str) -> Locale:
    code = get_supported_content_language_variant(language_code)
    try:
        return all_locales()[code]
    except KeyError:
        raise Locale.DoesNotExist(code) from None


def active_locale() -> Locale:
    return locale_for(get_language() or default_language_code())


def default_locale() -> Locale:
    try:
        return locale_for(default_language_code())
    except Locale.DoesNotExist:
        return Locale.get_default()  # a database whose default locale has another code


def default_language_code() -> str:
    from django.conf import settings

    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def admin_language_of(user) -> str:
    """The language ``user`` reads the admin in (their profile's choice, else the default):
    staff screens show a service day's page in it when it is translated."""
    profile = getattr(user, "wagtail_userprofile", None) if user.is_authenticated else None
    return profile.get_preferred_language() if profile else default_language_code()


__all__ = [
    "active_locale",
    "admin_language_of",
    "all_locales",
    "default_locale",
    "get_content_languages",
    "language_code_of",
    "locale_for",
]
