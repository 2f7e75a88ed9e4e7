"""A service day is one day in every language: contacts and staffing found on a translation (or
an alias) of a day's page move to the day, its page in the default language (English).

Contacts are saved one by one with a history row each (who: nobody, the upgrade; why: the
reason below), so their history shows the move. A staff member staffed on a day in two
languages keeps one assignment.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant

REASON = "Moved to the English service day: a day is one day in every language."


def day_of_each_translation(apps) -> dict[int, int]:
    """{pk of a page in another language: pk of the day's page in the default language}."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("events", "ServiceDayPage")
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    default = Locale.objects.filter(language_code=code).first()
    if default is None:
        return {}
    days = dict(Page.objects.filter(locale=default).values_list("translation_key", "pk"))
    return {
        pk: days[key]
        for pk, key in Page.objects.exclude(locale=default).values_list("pk", "translation_key")
        if key in days
    }


def move_contacts(apps, day_of) -> int:
    Contact = apps.get_model("services", "Contact")
    HistoricalContact = apps.get_model("services", "HistoricalContact")
    kept = [
        field.attname
        for field in HistoricalContact._meta.concrete_fields
        if not field.name.startswith("history_")
    ]
    moved = 0
    for contact in Contact.objects.filter(service_day_id__in=day_of).order_by("pk"):
        contact.service_day_id = day_of[contact.service_day_id]
        contact.version += 1
        contact.save()
        HistoricalContact.objects.create(
            **{name: getattr(contact, name) for name in kept},
            history_date=timezone.now(),
            history_type="~",
            history_change_reason=REASON,
            history_user=None,
        )
        moved += 1
    return moved


def move_staffing(apps, day_of) -> tuple[int, int]:
    """(assignments moved, duplicates merged into the day's own)."""
    StaffAssignment = apps.get_model("services", "StaffAssignment")
    staffed = set(
        StaffAssignment.objects.exclude(service_day_id__in=day_of).values_list(
            "user_id", "service_day_id"
        )
    )
    moved = merged = 0
    for assignment in StaffAssignment.objects.filter(service_day_id__in=day_of).order_by("pk"):
        key = (assignment.user_id, day_of[assignment.service_day_id])
        if key in staffed:
            assignment.delete()
            merged += 1
        else:
            assignment.service_day_id = key[1]
            assignment.save()
            staffed.add(key)
            moved += 1
    return moved, merged


def forwards(apps, schema_editor):
    day_of = day_of_each_translation(apps)
    if day_of:
        move_contacts(apps, day_of)
        move_staffing(apps, day_of)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0010_encrypt_reasons"),
        ("events", "0006_translatable_places_constraints"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
