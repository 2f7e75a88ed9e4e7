# Step 2 of 3: every existing page mark, approved or not, under the base page content type
# (cms.models.MachineTranslation.content_type_of). Back: page marks return to the page key;
# snippet marks cannot be held by the old table and go (their approvals stay in Wagtail's log).

from django.db import migrations


def page_content_type(apps, MachineTranslation):
    ContentType = apps.get_model("contenttypes", "ContentType")
    page_meta = MachineTranslation._meta.get_field("page").related_model._meta
    content_type, _ = ContentType.objects.get_or_create(
        app_label=page_meta.app_label, model=page_meta.model_name
    )
    return content_type


def to_generic_key(apps, schema_editor):
    MachineTranslation = apps.get_model("cms", "MachineTranslation")
    marks = MachineTranslation.objects.filter(page__isnull=False)
    if not marks.exists():
        return
    content_type = page_content_type(apps, MachineTranslation)
    for mark in marks:
        mark.content_type, mark.object_id = content_type, str(mark.page_id)
        mark.save(update_fields=["content_type", "object_id"])


def to_page_key(apps, schema_editor):
    MachineTranslation = apps.get_model("cms", "MachineTranslation")
    if not MachineTranslation.objects.exists():
        return
    content_type = page_content_type(apps, MachineTranslation)
    MachineTranslation.objects.exclude(content_type=content_type).delete()
    for mark in MachineTranslation.objects.all():
        mark.page_id = int(mark.object_id)
        mark.save(update_fields=["page"])


class Migration(migrations.Migration):
    dependencies = [("cms", "0007_machine_translation_any_object")]

    operations = [migrations.RunPython(to_generic_key, to_page_key, elidable=True)]
