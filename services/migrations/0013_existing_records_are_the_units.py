"""Every client, contact, staffing and access-log entry made before organizations existed is the
unit's (history rows too, so a report read as of a past moment scopes them the same way)."""

from django.db import migrations

MODELS = (
    "Client",
    "HistoricalClient",
    "Contact",
    "HistoricalContact",
    "StaffAssignment",
    "AccessLog",
)


def to_the_unit(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    unit = Organization.objects.filter(kind="unit").first()
    if unit is None:
        unit = Organization.objects.create(
            kind="unit", legal_name="Crime Victim Services Unit", short_name="The unit"
        )
    for name in MODELS:
        apps.get_model("services", name).objects.filter(organization__isnull=True).update(
            organization=unit
        )


class Migration(migrations.Migration):
    dependencies = [("services", "0012_organization_on_every_record")]

    operations = [migrations.RunPython(to_the_unit, migrations.RunPython.noop)]
