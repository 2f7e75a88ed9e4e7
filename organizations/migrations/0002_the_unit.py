"""The unit is an organization from the start: every existing record is the unit's."""

from django.db import migrations


def create_unit(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    if not Organization.objects.filter(kind="unit").exists():
        Organization.objects.create(
            kind="unit",
            legal_name="Crime Victim Services Unit",
            short_name="The unit",
            ovc_type="state_agency",
        )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_organizations")]

    operations = [migrations.RunPython(create_unit, migrations.RunPython.noop)]
