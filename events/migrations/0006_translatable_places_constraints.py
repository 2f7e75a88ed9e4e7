# Places, services and languages become translatable (3 of 3): every row has a locale and a
# translation key; names and codes are unique within a language.

import uuid

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

import events.models.places


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0005_translatable_places_bootstrap"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterField(
            model_name="language",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="language",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="location",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="location",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="service",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="service",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="language",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterUniqueTogether(
            name="location",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterUniqueTogether(
            name="service",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddConstraint(
            model_name="language",
            constraint=models.UniqueConstraint(
                fields=("code", "locale"), name="language_code_per_locale"
            ),
        ),
        migrations.AddConstraint(
            model_name="language",
            constraint=models.UniqueConstraint(
                fields=("name", "locale"), name="language_name_per_locale"
            ),
        ),
        migrations.AddConstraint(
            model_name="service",
            constraint=models.UniqueConstraint(
                fields=("slug", "locale"), name="service_slug_per_locale"
            ),
        ),
        migrations.AddConstraint(
            model_name="service",
            constraint=models.UniqueConstraint(
                fields=("name", "locale"), name="service_name_per_locale"
            ),
        ),
        migrations.AlterField(
            model_name="servicedaypage",
            name="languages",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                limit_choices_to=events.models.places.in_default_language,
                related_name="service_days",
                to="events.language",
            ),
        ),
        migrations.AlterField(
            model_name="servicedaypage",
            name="location",
            field=models.ForeignKey(
                limit_choices_to=events.models.places.in_default_language,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="service_days",
                to="events.location",
            ),
        ),
        migrations.AlterField(
            model_name="servicedaypage",
            name="services",
            field=modelcluster.fields.ParentalManyToManyField(
                limit_choices_to=events.models.places.in_default_language,
                related_name="service_days",
                to="events.service",
            ),
        ),
    ]
