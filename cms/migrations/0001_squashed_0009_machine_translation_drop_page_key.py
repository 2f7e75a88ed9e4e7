# cms migrations 0001-0009 squashed into one, written fresh from the models (the optimised form): a
# new database runs this one, a database made before runs the rest of the ones it replaces. The home
# page is the only data a new database needs (from 0002); 0006 and 0008 change rows an older
# database holds and are left out (elidable).

import uuid

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


# Copied from 0002_create_homepage.
def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms.HomePage")
    Locale = apps.get_model("wagtailcore.Locale")

    if HomePage.objects.exists():
        return
    # Wagtail's initial data: a root page (depth 1) and a plain "Welcome" page (depth 2).
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", slug="home").delete()
    root = Page.objects.get(depth=1)
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.order_by("pk").first()
    position = Page.objects.filter(depth=2).count() + 1
    # Treebeard materialised path: root is "0001"; children take the next 4-character step.
    homepage = HomePage.objects.create(
        title="Victim Service Days",
        draft_title="Victim Service Days",
        slug="home",
        content_type=home_type,
        path=f"{root.path}{position:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        has_unpublished_changes=False,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": homepage,
            "site_name": "Victim Service Days",
        },
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("cms.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    replaces = [
        ("cms", "0001_initial"),
        ("cms", "0002_create_homepage"),
        ("cms", "0003_contentpage"),
        ("cms", "0004_site_settings_quick_exit_page_content_version"),
        ("cms", "0005_machine_translation"),
        ("cms", "0006_site_texts"),
        ("cms", "0007_machine_translation_any_object"),
        ("cms", "0008_machine_translation_copy_page_marks"),
        ("cms", "0009_machine_translation_drop_page_key"),
    ]

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentPage",
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
                (
                    "intro",
                    models.CharField(
                        blank=True, help_text="One or two plain sentences.", max_length=300
                    ),
                ),
                ("body", wagtail.fields.RichTextField()),
            ],
            options={
                "abstract": False,
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="ContentVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.UUIDField(default=uuid.uuid4)),
            ],
        ),
        migrations.CreateModel(
            name="HomePage",
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
                "abstract": False,
            },
            bases=("wagtailcore.page",),
        ),
        migrations.CreateModel(
            name="SiteSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "agency_name",
                    models.CharField(default="State Department of Public Safety", max_length=200),
                ),
                (
                    "unit_name",
                    models.CharField(default="Crime Victim Services Unit", max_length=200),
                ),
                ("crisis_line_phone", models.CharField(default="988", max_length=40)),
                ("help_line_phone", models.CharField(blank=True, max_length=40)),
                (
                    "quick_exit_url",
                    models.URLField(
                        default="https://www.weather.gov/",
                        help_text="Neutral site the quick-exit button opens in place of this site.",
                    ),
                ),
                (
                    "quick_exit_info_page",
                    models.ForeignKey(
                        blank=True,
                        help_text="The page explaining what quick exit does and does not hide.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                (
                    "site",
                    models.OneToOneField(
                        editable=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        to="wagtailcore.site",
                    ),
                ),
            ],
            options={
                "verbose_name": "site settings",
            },
        ),
        migrations.CreateModel(
            name="MachineTranslation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.CharField(max_length=255)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("approved_at", models.DateTimeField(blank=True, null=True)),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "machine-drafted translation",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id"),
                        name="one_machine_draft_mark_per_object",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="SiteTexts",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "crisis_line_label",
                    models.CharField(default="Crisis line (24 hours)", max_length=100),
                ),
                (
                    "help_line_label",
                    models.CharField(default="Victim services help line", max_length=100),
                ),
                (
                    "emergency_note",
                    models.CharField(default="In an emergency, call 911.", max_length=200),
                ),
                (
                    "funding_acknowledgement",
                    models.TextField(
                        default="This project is supported by a Victims of Crime Act (VOCA) grant awarded by the Office for Victims of Crime, Office of Justice Programs, U.S. Department of Justice. The opinions, findings and conclusions expressed are those of the authors and do not necessarily reflect those of the Department of Justice.",
                        help_text="The VOCA funding acknowledgement every grantee must show.",
                    ),
                ),
                (
                    "privacy_note",
                    models.CharField(
                        default="This site sets no cookies and loads nothing from other websites.",
                        help_text="One sentence shown in every page footer.",
                        max_length=300,
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
                "verbose_name": "site texts",
                "verbose_name_plural": "site texts",
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(fields=("locale",), name="site_texts_per_locale")
                ],
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.RunPython(create_homepage, remove_homepage),
    ]
