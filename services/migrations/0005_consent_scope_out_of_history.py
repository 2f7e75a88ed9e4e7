"""The consent scope is identifying text: erase every copy history holds, then drop the column."""

from django.db import migrations


def erase_history_scopes(apps, schema_editor):
    # Blanked before the drop so no copy survives in the table's pages (PostgreSQL) either.
    apps.get_model("services", "HistoricalClient").objects.exclude(consent_scope="").update(
        consent_scope=""
    )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0004_history_reasons_kept_whole"),
    ]

    operations = [
        migrations.RunPython(erase_history_scopes, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="historicalclient", name="consent_scope"),
    ]
