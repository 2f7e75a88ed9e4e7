""" "What to bring" becomes a list of short items (a StreamField of ``item`` blocks), one segment
each for translators. Every page's text, in every language, becomes one item per line first, so
the column holds JSON before it changes type (PostgreSQL casts it to jsonb, SQLite checks it).
Revisions and translation sources keep their text: WhatToBringBlock reads it as items."""

import json
import uuid

import wagtail.fields
from django.db import migrations


def items_from_lines(text: str) -> list[dict]:
    return [
        {"type": "item", "value": line.strip(), "id": str(uuid.uuid4())}
        for line in text.splitlines()
        if line.strip()
    ]


def text_to_items(apps, schema_editor):
    ServiceDayPage = apps.get_model("events", "ServiceDayPage")
    for pk, text in ServiceDayPage.objects.values_list("pk", "what_to_bring"):
        try:
            json.loads(text or "")
        except ValueError:
            items = json.dumps(items_from_lines(text or ""))
            ServiceDayPage.objects.filter(pk=pk).update(what_to_bring=items)


def items_to_text(apps, schema_editor):
    ServiceDayPage = apps.get_model("events", "ServiceDayPage")
    for pk, stored in ServiceDayPage.objects.values_list("pk", "what_to_bring"):
        try:
            items = json.loads(stored) if isinstance(stored, str) else stored
        except ValueError:
            continue
        text = "\n".join(item["value"] for item in items or [])
        ServiceDayPage.objects.filter(pk=pk).update(what_to_bring=text)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_translatable_places_constraints"),
    ]

    operations = [
        migrations.RunPython(text_to_items, items_to_text, elidable=True),
        migrations.AlterField(
            model_name="servicedaypage",
            name="what_to_bring",
            field=wagtail.fields.StreamField(
                [("item", 0)],
                blank=True,
                block_lookup={
                    0: ("wagtail.blocks.CharBlock", (), {"label": "Item", "max_length": 200})
                },
                help_text="One short item each, e.g. photo ID if you have one, police report "
                "number.",
            ),
        ),
    ]
