# events migrations 0001-0007 squashed into one, written fresh from the models (the optimised form):
# a new database runs this one, a database made before runs the rest of the ones it replaces. 0005
# and 0007 change rows an older database holds and are left out (elidable).

import uuid

import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

import events.models.places


class Migration(migrations.Migration):
    replaces = [
        ("events", "0001_initial"),
        ("events", "0002_staffing_roles_may_repeat"),
        ("events", "0003_keep_original_start"),
        ("events", "0004_translatable_places_fields"),
        ("events", "0005_translatable_places_bootstrap"),
        ("events", "0006_translatable_places_constraints"),
        ("events", "0007_what_to_bring_one_item_per_block"),
    ]

    initial = True

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="ServiceDayIndexPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("intro", wagtail.fields.RichTextField(blank=True)),
            ],
            options={
                "verbose_name": "service days index",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="Language",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "name",
                    models.CharField(
                        help_text="In this row's language, e.g. 'Spanish' in English.",
                        max_length=80,
                    ),
                ),
                (
                    "native_name",
                    models.CharField(
                        blank=True,
                        help_text="The language's own name, e.g. 'Español'.",
                        max_length=80,
                    ),
                ),
                (
                    "code",
                    models.CharField(
                        help_text="BCP 47 code, e.g. 'es', 'bs', 'ase' (ASL).", max_length=20
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Location",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "name",
                    models.CharField(help_text="e.g. Carpenter Branch Library", max_length=200),
                ),
                ("street", models.CharField(max_length=200)),
                ("city", models.CharField(default="St. Louis", max_length=100)),
                ("state", models.CharField(default="MO", max_length=2)),
                ("zip_code", models.CharField(max_length=10, verbose_name="ZIP code")),
                (
                    "area",
                    models.CharField(
                        help_text="County or part of town visitors filter by, e.g. 'St. Louis City' or 'St. Louis County'.",
                        max_length=100,
                    ),
                ),
                ("latitude", models.DecimalField(decimal_places=6, max_digits=9)),
                ("longitude", models.DecimalField(decimal_places=6, max_digits=9)),
                ("step_free_access", models.BooleanField(default=True)),
                (
                    "accessibility_notes",
                    models.TextField(
                        blank=True, help_text="Entrances, lifts, accessible toilets, quiet room."
                    ),
                ),
                ("parking", models.TextField(blank=True)),
                (
                    "transit",
                    models.TextField(
                        blank=True,
                        help_text="Nearby bus routes and MetroLink stations.",
                        verbose_name="bus and MetroLink",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "abstract": False,
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="Service",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("name", models.CharField(max_length=120)),
                (
                    "slug",
                    models.SlugField(
                        help_text="Used in filter links; the same in every language.",
                        max_length=120,
                    ),
                ),
                ("description", models.TextField(blank=True)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order", "name"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ServiceDayPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("date", models.DateField()),
                ("start_time", models.TimeField(help_text="Central time (St. Louis).")),
                ("end_time", models.TimeField(help_text="Central time (St. Louis).")),
                (
                    "what_to_bring",
                    wagtail.fields.StreamField(
                        [("item", 0)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {"label": "Item", "max_length": 200},
                            )
                        },
                        help_text="One short item each, e.g. photo ID if you have one, police report number.",
                    ),
                ),
                ("body", wagtail.fields.RichTextField(blank=True)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scheduled", "Scheduled"),
                            ("cancelled", "Cancelled"),
                            ("moved", "Moved"),
                        ],
                        default="scheduled",
                        max_length=10,
                    ),
                ),
                (
                    "status_notice",
                    models.TextField(
                        blank=True,
                        help_text="Shown wherever this day appears when it is cancelled or moved: say what changed and where to go instead.",
                    ),
                ),
                ("ics_sequence", models.PositiveIntegerField(default=0, editable=False)),
                ("original_date", models.DateField(blank=True, editable=False, null=True)),
                ("original_start_time", models.TimeField(blank=True, editable=False, null=True)),
                (
                    "languages",
                    modelcluster.fields.ParentalManyToManyField(
                        blank=True,
                        limit_choices_to=events.models.places.in_default_language,
                        related_name="service_days",
                        to="events.language",
                    ),
                ),
                (
                    "location",
                    models.ForeignKey(
                        limit_choices_to=events.models.places.in_default_language,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="service_days",
                        to="events.location",
                    ),
                ),
                (
                    "services",
                    modelcluster.fields.ParentalManyToManyField(
                        limit_choices_to=events.models.places.in_default_language,
                        related_name="service_days",
                        to="events.service",
                    ),
                ),
            ],
            options={
                "verbose_name": "service day",
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="ServiceDayStaffing",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("program_representative", "Program representative"),
                            ("social_worker", "Social worker"),
                            ("advocate", "Victim advocate"),
                            ("interpreter", "Interpreter"),
                            ("attorney", "Volunteer attorney"),
                        ],
                        max_length=30,
                    ),
                ),
                ("count", models.PositiveSmallIntegerField(default=1)),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staffing",
                        to="events.servicedaypage",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
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
        migrations.AlterUniqueTogether(
            name="language",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterUniqueTogether(
            name="location",
            unique_together={("translation_key", "locale")},
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
        migrations.AlterUniqueTogether(
            name="service",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AddConstraint(
            model_name="servicedaystaffing",
            constraint=models.CheckConstraint(
                condition=models.Q(("count__gte", 1)), name="staffing_count_positive"
            ),
        ),
    ]
