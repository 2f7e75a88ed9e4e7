# services migrations 0001-0011 squashed into one, written fresh from the models (the optimised
# form): a new database runs this one, a database made before runs the rest of the ones it replaces.
# The PMT reference data is the only data a new database needs (from 0002); 0003, 0005 and 0009-0011
# change rows an older database holds and are left out (elidable).

import datetime

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import voca.crypto

# Copied from 0002_pmt_reference_data.
EFFECTIVE_FROM = datetime.date(2020, 10, 1)

VICTIMIZATIONS = [
    ("adult_physical_assault", "Adult Physical Assault (incl. aggravated and simple assault)"),
    ("adult_sexual_assault", "Adult Sexual Assault"),
    ("adults_abused_as_children", "Adults Sexually Abused/Assaulted as Children"),
    ("arson", "Arson"),
    ("bullying", "Bullying (verbal, cyber or physical)"),
    ("burglary", "Burglary"),
    ("child_physical_abuse", "Child Physical Abuse or Neglect"),
    ("child_pornography", "Child Pornography"),
    ("child_sexual_abuse", "Child Sexual Abuse/Assault"),
    ("domestic_family_violence", "Domestic and/or Family Violence"),
    ("dui_dwi", "DUI/DWI Incidents"),
    ("elder_abuse", "Elder Abuse or Neglect"),
    ("hate_crime", "Hate Crime (racial/religious/gender/sexual orientation/other)"),
    ("trafficking_labor", "Human Trafficking: Labor"),
    ("trafficking_sex", "Human Trafficking: Sex"),
    ("identity_theft_fraud", "Identity Theft/Fraud/Financial Crime"),
    ("kidnapping_noncustodial", "Kidnapping (noncustodial)"),
    ("kidnapping_custodial", "Kidnapping (custodial)"),
    ("mass_violence", "Mass Violence (domestic/international)"),
    ("other_vehicular", "Other Vehicular Victimization (e.g. hit and run)"),
    ("robbery", "Robbery"),
    ("stalking_harassment", "Stalking/Harassment"),
    ("homicide_survivors", "Survivors of Homicide Victims"),
    ("teen_dating", "Teen Dating Victimization"),
    ("terrorism", "Terrorism (domestic/international)"),
    ("other", "Other"),
]

SPECIAL_CLASSIFICATIONS = [
    ("deaf_hard_of_hearing", "Deaf/Hard of Hearing"),
    ("homeless", "Homeless"),
    ("immigrant_refugee_asylum", "Immigrants/Refugees/Asylum Seekers"),
    ("lgbtq", "LGBTQ"),
    ("veteran", "Veterans"),
    ("disability", "Victims with Disabilities"),
    ("limited_english", "Victims with Limited English Proficiency"),
    ("other", "Other"),
]

CATEGORIES = [
    ("A", "Information & Referral"),
    ("B", "Personal Advocacy/Accompaniment"),
    ("C", "Emotional Support or Safety Services"),
    ("D", "Shelter/Housing"),
    ("E", "Criminal/Civil Justice System Assistance"),
]

# (code, label, common): "common" ones are checkboxes at the top of the fast-entry form.
SERVICES = [
    ("A1", "Information about the criminal justice process", True),
    ("A2", "Information about victim rights and notification", True),
    ("A3", "Referral to other victim service programs", True),
    (
        "A4",
        "Referral to other services (legal, medical, faith-based, address confidentiality)",
        True,
    ),
    ("B1", "Accompaniment to emergency medical care", False),
    ("B2", "Accompaniment to a medical forensic exam", False),
    ("B3", "Accompaniment to a law-enforcement interview", False),
    ("B4", "Individual advocacy (public benefits, return of property)", True),
    ("B5", "Performance of a forensic exam/interview or evidence collection", False),
    ("B6", "Immigration assistance", False),
    ("B7", "Intervention with an employer, creditor, landlord or school", False),
    ("B8", "Child or dependent care", False),
    ("B9", "Transportation", False),
    ("B10", "Interpreter services", False),
    ("C1", "Crisis intervention (incl. safety planning)", True),
    ("C2", "Hotline/crisis-line counseling", False),
    ("C3", "On-scene crisis response", False),
    ("C4", "Individual counseling", True),
    ("C5", "Support groups", False),
    ("C6", "Other therapy", False),
    ("C7", "Emergency financial assistance", False),
    ("D1", "Emergency shelter or safe house", False),
    ("D2", "Transitional housing", False),
    ("D3", "Relocation assistance", False),
    ("E1", "Notification of criminal justice events", True),
    ("E2", "Victim impact statement", False),
    ("E3", "Restitution", False),
    ("E4", "Protection/restraining order", True),
    ("E5", "Family law", False),
    ("E6", "Other emergency justice-related assistance", False),
    ("E7", "Immigration", False),
    ("E8", "Prosecution interview advocacy", False),
    ("E9", "Law-enforcement interview advocacy", False),
    ("E10", "Criminal advocacy/accompaniment", False),
    ("E11", "Other legal advice and/or counsel", False),
]

RACE_ETHNICITY = [
    ("american_indian_alaska_native", "American Indian or Alaska Native"),
    ("asian", "Asian"),
    ("black", "Black or African American"),
    ("hispanic_latino", "Hispanic or Latino"),
    ("native_hawaiian_pacific_islander", "Native Hawaiian and Other Pacific Islander"),
    ("white", "White Non-Latino or Caucasian"),
    ("some_other_race", "Some Other Race"),
    ("multiple_races", "Multiple Races"),
    ("not_reported", "Not Reported"),
    ("not_tracked", "Not Tracked"),
]

GENDER_IDENTITY = [
    ("male", "Male"),
    ("female", "Female"),
    ("other", "Other"),
    ("not_reported", "Not Reported"),
    ("not_tracked", "Not Tracked"),
]

AGE_GROUPS = [
    ("0_12", "0–12"),
    ("13_17", "13–17"),
    ("18_24", "18–24"),
    ("25_59", "25–59"),
    ("60_plus", "60 and older"),
    ("not_reported", "Not Reported"),
    ("not_tracked", "Not Tracked"),
]


def load(apps, schema_editor):
    def simple(model_name, rows):
        model = apps.get_model("services", model_name)
        for order, (code, label) in enumerate(rows, start=1):
            model.objects.get_or_create(
                code=code,
                effective_from=EFFECTIVE_FROM,
                defaults={"label": label, "sort_order": order},
            )

    simple("VictimizationType", VICTIMIZATIONS)
    simple("SpecialClassification", SPECIAL_CLASSIFICATIONS)
    simple("ServiceCategory", CATEGORIES)
    simple("RaceEthnicity", RACE_ETHNICITY)
    simple("GenderIdentity", GENDER_IDENTITY)
    simple("AgeGroup", AGE_GROUPS)
    ServiceCategory = apps.get_model("services", "ServiceCategory")
    SubService = apps.get_model("services", "SubService")
    categories = {c.code: c for c in ServiceCategory.objects.filter(effective_from=EFFECTIVE_FROM)}
    for order, (code, label, common) in enumerate(SERVICES, start=1):
        SubService.objects.get_or_create(
            code=code,
            effective_from=EFFECTIVE_FROM,
            defaults={
                "label": label,
                "sort_order": order,
                "category": categories[code[0]],
                "common": common,
            },
        )


class Migration(migrations.Migration):
    replaces = [
        ("services", "0001_initial"),
        ("services", "0002_pmt_reference_data"),
        ("services", "0003_client_classification_codes"),
        ("services", "0004_history_reasons_kept_whole"),
        ("services", "0005_consent_scope_out_of_history"),
        ("services", "0006_access_log_entries"),
        ("services", "0007_contact_listing_indexes"),
        ("services", "0008_contact_staff_client"),
        ("services", "0009_encrypt_confidential_fields"),
        ("services", "0010_encrypt_reasons"),
        ("services", "0011_contacts_and_staffing_on_the_day"),
    ]

    initial = True

    dependencies = [
        ("events", "0007_what_to_bring_one_item_per_block"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="AccessLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("record_type", models.CharField(max_length=40)),
                ("record_id", models.CharField(blank=True, max_length=40)),
                (
                    "action",
                    models.CharField(
                        choices=[
                            ("inspect", "Inspect"),
                            ("edit", "Open for editing"),
                            ("history", "History"),
                            ("export", "Export"),
                            ("lookup", "Client code lookup"),
                        ],
                        max_length=10,
                    ),
                ),
                ("at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                ("detail", models.CharField(blank=True, max_length=200)),
                (
                    "user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "access log entry",
                "verbose_name_plural": "access log entries",
                "ordering": ["-at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="AgeGroup",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40)),
                ("label", models.CharField(max_length=200)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                ("effective_from", models.DateField()),
                ("effective_to", models.DateField(blank=True, null=True)),
            ],
            options={
                "ordering": ["sort_order", "code", "effective_from"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "effective_from"), name="age_group_code_version"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("effective_to__isnull", True),
                            ("effective_to__gte", models.F("effective_from")),
                            _connector="OR",
                        ),
                        name="age_group_effective_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="Client",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(editable=False, max_length=8, unique=True)),
                (
                    "first_name",
                    voca.crypto.EncryptedCharField(
                        blank=True,
                        max_length=60,
                        validators=[django.core.validators.MaxLengthValidator(60)],
                        verbose_name="first name or initials",
                    ),
                ),
                (
                    "phone",
                    voca.crypto.EncryptedCharField(
                        blank=True,
                        max_length=30,
                        validators=[django.core.validators.MaxLengthValidator(30)],
                    ),
                ),
                (
                    "phone_digest",
                    voca.crypto.LookupDigestField(
                        blank=True,
                        db_index=True,
                        default="",
                        editable=False,
                        max_length=64,
                        source="phone",
                    ),
                ),
                ("consent_given_on", models.DateField(blank=True, null=True)),
                (
                    "consent_scope",
                    voca.crypto.EncryptedCharField(
                        blank=True,
                        help_text="What the client agreed to, e.g. 'call back about compensation claim'.",
                        max_length=200,
                    ),
                ),
                ("consent_expires_on", models.DateField(blank=True, null=True)),
                (
                    "special_classification_codes",
                    models.TextField(blank=True, default="", editable=False),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "identifiers_stripped_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "age_group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="services.agegroup",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["code"],
            },
        ),
        migrations.CreateModel(
            name="Contact",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField()),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("in_person", "In person"),
                            ("phone", "Phone"),
                            ("video", "Video"),
                            ("outreach", "Outreach"),
                        ],
                        default="in_person",
                        max_length=10,
                    ),
                ),
                (
                    "referrals",
                    voca.crypto.EncryptedCharField(
                        blank=True,
                        help_text="Kinds of agency referred to; no names of people.",
                        max_length=300,
                        validators=[django.core.validators.MaxLengthValidator(300)],
                    ),
                ),
                (
                    "compensation_help",
                    models.BooleanField(
                        default=False, verbose_name="helped with a compensation application"
                    ),
                ),
                (
                    "minutes",
                    models.PositiveIntegerField(
                        default=15, validators=[django.core.validators.MaxValueValidator(600)]
                    ),
                ),
                (
                    "funding_source",
                    models.CharField(
                        choices=[("voca", "VOCA"), ("match", "Match"), ("other", "Other")],
                        default="voca",
                        max_length=10,
                    ),
                ),
                (
                    "notes",
                    voca.crypto.EncryptedTextField(
                        blank=True,
                        max_length=2000,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="confidential notes",
                    ),
                ),
                ("service_codes", models.TextField(blank=True, editable=False)),
                ("victimization_codes", models.TextField(blank=True, editable=False)),
                ("voided", models.BooleanField(default=False, editable=False)),
                (
                    "void_reason",
                    voca.crypto.EncryptedCharField(
                        blank=True,
                        editable=False,
                        max_length=300,
                        validators=[django.core.validators.MaxLengthValidator(300)],
                    ),
                ),
                ("voided_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                (
                    "client",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contacts",
                        to="services.client",
                    ),
                ),
                (
                    "service_day",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contacts",
                        to="events.servicedaypage",
                    ),
                ),
                (
                    "staff",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="contacts_logged",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "voided_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-date", "-pk"],
                "permissions": [("void_contact", "Can void a contact")],
            },
        ),
        migrations.CreateModel(
            name="GenderIdentity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40)),
                ("label", models.CharField(max_length=200)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                ("effective_from", models.DateField()),
                ("effective_to", models.DateField(blank=True, null=True)),
            ],
            options={
                "verbose_name_plural": "gender identities",
                "ordering": ["sort_order", "code", "effective_from"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "effective_from"), name="gender_identity_code_version"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("effective_to__isnull", True),
                            ("effective_to__gte", models.F("effective_from")),
                            _connector="OR",
                        ),
                        name="gender_identity_effective_range",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="client",
            name="gender_identity",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="services.genderidentity",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalContact",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField()),
                (
                    "mode",
                    models.CharField(
                        choices=[
                            ("in_person", "In person"),
                            ("phone", "Phone"),
                            ("video", "Video"),
                            ("outreach", "Outreach"),
                        ],
                        default="in_person",
                        max_length=10,
                    ),
                ),
                (
                    "compensation_help",
                    models.BooleanField(
                        default=False, verbose_name="helped with a compensation application"
                    ),
                ),
                (
                    "minutes",
                    models.PositiveIntegerField(
                        default=15, validators=[django.core.validators.MaxValueValidator(600)]
                    ),
                ),
                (
                    "funding_source",
                    models.CharField(
                        choices=[("voca", "VOCA"), ("match", "Match"), ("other", "Other")],
                        default="voca",
                        max_length=10,
                    ),
                ),
                ("service_codes", models.TextField(blank=True, editable=False)),
                ("victimization_codes", models.TextField(blank=True, editable=False)),
                ("voided", models.BooleanField(default=False, editable=False)),
                (
                    "void_reason",
                    voca.crypto.EncryptedCharField(
                        blank=True,
                        editable=False,
                        max_length=300,
                        validators=[django.core.validators.MaxLengthValidator(300)],
                    ),
                ),
                ("voided_at", models.DateTimeField(blank=True, editable=False, null=True)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("history_change_reason", voca.crypto.EncryptedTextField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "client",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="services.client",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "service_day",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="events.servicedaypage",
                    ),
                ),
                (
                    "staff",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "voided_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical contact",
                "verbose_name_plural": "historical contacts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="RaceEthnicity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40)),
                ("label", models.CharField(max_length=200)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                ("effective_from", models.DateField()),
                ("effective_to", models.DateField(blank=True, null=True)),
            ],
            options={
                "verbose_name_plural": "race/ethnicity",
                "ordering": ["sort_order", "code", "effective_from"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "effective_from"), name="race_ethnicity_code_version"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("effective_to__isnull", True),
                            ("effective_to__gte", models.F("effective_from")),
                            _connector="OR",
                        ),
                        name="race_ethnicity_effective_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="HistoricalClient",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(db_index=True, editable=False, max_length=8)),
                ("consent_given_on", models.DateField(blank=True, null=True)),
                ("consent_expires_on", models.DateField(blank=True, null=True)),
                (
                    "special_classification_codes",
                    models.TextField(blank=True, default="", editable=False),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "identifiers_stripped_at",
                    models.DateTimeField(blank=True, editable=False, null=True),
                ),
                ("version", models.PositiveIntegerField(default=1, editable=False)),
                ("history_change_reason", voca.crypto.EncryptedTextField()),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "age_group",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="services.agegroup",
                    ),
                ),
                (
                    "created_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "gender_identity",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="services.genderidentity",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "race_ethnicity",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="services.raceethnicity",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical client",
                "verbose_name_plural": "historical clients",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="client",
            name="race_ethnicity",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="services.raceethnicity",
            ),
        ),
        migrations.CreateModel(
            name="ServiceCategory",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40)),
                ("label", models.CharField(max_length=200)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                ("effective_from", models.DateField()),
                ("effective_to", models.DateField(blank=True, null=True)),
            ],
            options={
                "verbose_name_plural": "service categories",
                "ordering": ["sort_order", "code", "effective_from"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "effective_from"), name="service_category_code_version"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("effective_to__isnull", True),
                            ("effective_to__gte", models.F("effective_from")),
                            _connector="OR",
                        ),
                        name="service_category_effective_range",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="SpecialClassification",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40)),
                ("label", models.CharField(max_length=200)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                ("effective_from", models.DateField()),
                ("effective_to", models.DateField(blank=True, null=True)),
            ],
            options={
                "ordering": ["sort_order", "code", "effective_from"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "effective_from"),
                        name="special_classification_code_version",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("effective_to__isnull", True),
                            ("effective_to__gte", models.F("effective_from")),
                            _connector="OR",
                        ),
                        name="special_classification_effective_range",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="client",
            name="special_classifications",
            field=models.ManyToManyField(blank=True, to="services.specialclassification"),
        ),
        migrations.CreateModel(
            name="SubService",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40)),
                ("label", models.CharField(max_length=200)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                ("effective_from", models.DateField()),
                ("effective_to", models.DateField(blank=True, null=True)),
                ("common", models.BooleanField(default=False)),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="services",
                        to="services.servicecategory",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order", "code", "effective_from"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="ContactService",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("times", models.PositiveSmallIntegerField(default=1)),
                (
                    "contact",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contact_services",
                        to="services.contact",
                    ),
                ),
                (
                    "service",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="services.subservice",
                    ),
                ),
            ],
            options={
                "ordering": ["service__sort_order"],
            },
        ),
        migrations.AddField(
            model_name="contact",
            name="services",
            field=models.ManyToManyField(
                related_name="+", through="services.ContactService", to="services.subservice"
            ),
        ),
        migrations.CreateModel(
            name="VictimizationType",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("code", models.CharField(max_length=40)),
                ("label", models.CharField(max_length=200)),
                ("sort_order", models.PositiveSmallIntegerField(default=0)),
                ("effective_from", models.DateField()),
                ("effective_to", models.DateField(blank=True, null=True)),
            ],
            options={
                "ordering": ["sort_order", "code", "effective_from"],
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(
                        fields=("code", "effective_from"), name="victimization_code_version"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("effective_to__isnull", True),
                            ("effective_to__gte", models.F("effective_from")),
                            _connector="OR",
                        ),
                        name="victimization_effective_range",
                    ),
                ],
            },
        ),
        migrations.AddField(
            model_name="contact",
            name="victimizations",
            field=models.ManyToManyField(
                blank=True, related_name="+", to="services.victimizationtype"
            ),
        ),
        migrations.CreateModel(
            name="StaffAssignment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("assigned_at", models.DateTimeField(auto_now_add=True)),
                (
                    "service_day",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="staff_assignments",
                        to="events.servicedaypage",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="service_day_assignments",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "service day staffing",
                "verbose_name_plural": "service day staffing",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("user", "service_day"), name="one_assignment_per_day"
                    )
                ],
            },
        ),
        migrations.AddConstraint(
            model_name="subservice",
            constraint=models.UniqueConstraint(
                fields=("code", "effective_from"), name="sub_service_code_version"
            ),
        ),
        migrations.AddConstraint(
            model_name="subservice",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("effective_to__isnull", True),
                    ("effective_to__gte", models.F("effective_from")),
                    _connector="OR",
                ),
                name="sub_service_effective_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="contactservice",
            constraint=models.UniqueConstraint(
                fields=("contact", "service"), name="one_row_per_service"
            ),
        ),
        migrations.AddConstraint(
            model_name="contactservice",
            constraint=models.CheckConstraint(
                condition=models.Q(("times__gte", 1)), name="service_times_positive"
            ),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["-date", "-id"], name="contact_newest_first"),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["staff", "-date", "-id"], name="contact_staff_newest_first"),
        ),
        migrations.AddIndex(
            model_name="contact",
            index=models.Index(fields=["staff", "client"], name="contact_staff_client"),
        ),
        migrations.AddConstraint(
            model_name="contact",
            constraint=models.CheckConstraint(
                condition=models.Q(("minutes__lte", 600)), name="contact_minutes_in_range"
            ),
        ),
        migrations.AddConstraint(
            model_name="contact",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("voided", False), ("void_reason__isnull", False), _connector="OR"
                ),
                name="void_needs_reason",
            ),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
