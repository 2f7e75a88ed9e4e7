"""One Wagtail locale per language of settings.VOCA_LANGUAGES, kept by ``migrate``.

Adding a language to the setting and migrating is all it takes: its locale is created and set to
synchronise from the default one (wagtail-localize), so every page exists there at once, as an
alias of the default-language page, until an editor translates it.
"""

from django.conf import settings
from wagtail.models import Locale


def tables_exist(using: str, *models) -> bool:
    """Whether ``migrate`` has made these models' tables: a ``migrate`` of one app alone on a new
    database runs the post-migrate handlers before the others' tables exist."""
    from django.db import connections

    tables = set(connections[using].introspection.table_names())
    return all(model._meta.db_table in tables for model in models)


def ensure_locales(using: str = "default", **kwargs) -> None:
    from wagtail_localize.models import LocaleSynchronization

    if not tables_exist(using, Locale, LocaleSynchronization):
        return

    codes = [code for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]
    default_code = settings.LANGUAGE_CODE
    # A database made when the default was "en-us" names its locale so: it is the default one.
    if not Locale.objects.filter(language_code=default_code).exists():
        old = Locale.objects.exclude(language_code__in=codes).filter(
            language_code__startswith=default_code.split("-")[0]
        )
        if old.exists():
            old.update(language_code=default_code)
    default, _ = Locale.objects.get_or_create(language_code=default_code)
    for code in codes:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        if locale.pk != default.pk:
            LocaleSynchronization.objects.get_or_create(
                locale=locale, defaults={"sync_from": default}
            )


def default_locale() -> Locale:
    return Locale.get_default()
