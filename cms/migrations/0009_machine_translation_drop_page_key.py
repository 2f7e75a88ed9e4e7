# Step 3 of 3: the generic key is required and unique; the page key goes.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cms", "0008_machine_translation_copy_page_marks")]

    operations = [
        migrations.RemoveField(model_name="machinetranslation", name="page"),
        migrations.AlterField(
            model_name="machinetranslation",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="machinetranslation",
            name="object_id",
            field=models.CharField(max_length=255),
        ),
        migrations.AddConstraint(
            model_name="machinetranslation",
            constraint=models.UniqueConstraint(
                fields=("content_type", "object_id"), name="one_machine_draft_mark_per_object"
            ),
        ),
    ]
