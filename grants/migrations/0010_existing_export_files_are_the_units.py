"""Every report file and export-log entry made before organizations existed is the unit's."""

from django.db import migrations


def to_the_unit(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    unit = Organization.objects.filter(kind="unit").first()
    if unit is None:
        unit = Organization.objects.create(
            kind="unit", legal_name="Crime Victim Services Unit", short_name="The unit"
        )
    for name in ("ExportLog", "GeneratedExport"):
        apps.get_model("grants", name).objects.filter(organization__isnull=True).update(
            organization=unit
        )


class Migration(migrations.Migration):
    dependencies = [("grants", "0009_organization_on_export_files")]

    operations = [migrations.RunPython(to_the_unit, migrations.RunPython.noop)]
