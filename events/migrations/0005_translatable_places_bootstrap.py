# Places, services and languages become translatable (2 of 3): existing rows are in the default
# language, each with its own translation key (a separate migration: PostgreSQL refuses to alter a
# table with pending foreign-key checks in the same transaction).

import uuid

from django.conf import settings
from django.db import migrations


def bootstrap(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    code = settings.LANGUAGE_CODE
    # A database made when the default was "en-us" still names its locale so (cms renames it).
    locale = (
        Locale.objects.filter(language_code=code).first()
        or Locale.objects.filter(language_code__startswith=code.split("-")[0])
        .order_by("pk")
        .first()
        or Locale.objects.order_by("pk").first()
    )
    for name in ("Location", "Service", "Language"):
        model = apps.get_model("events", name)
        rows = model.objects.filter(translation_key__isnull=True)
        if locale is None and rows.exists():
            locale = Locale.objects.create(language_code=code)
        for row in rows.iterator():
            row.translation_key = uuid.uuid4()
            row.locale = locale
            row.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [("events", "0004_translatable_places_fields")]

    operations = [migrations.RunPython(bootstrap, migrations.RunPython.noop, elidable=True)]
