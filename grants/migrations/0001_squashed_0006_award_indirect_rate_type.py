# grants migrations 0001-0006 squashed into one, written fresh from the models (the optimised form):
# a new database runs this one, a database made before runs the rest of the ones it replaces. 0003
# and 0006 change rows an older database holds and are left out (elidable).

from decimal import Decimal

import django.db.models.deletion
import django.db.models.functions.math
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import grants.exports.models
import grants.models.base


class Migration(migrations.Migration):
    replaces = [
        ("grants", "0001_ledger"),
        ("grants", "0002_exports"),
        ("grants", "0003_award_rules"),
        ("grants", "0004_draw_payment_reference"),
        ("grants", "0005_award_close_out_and_contact_funding"),
        ("grants", "0006_award_indirect_rate_type"),
    ]

    initial = True

    dependencies = [
        ("services", "0011_contacts_and_staffing_on_the_day"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Award",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("federal_award_number", models.CharField(max_length=60, unique=True)),
                (
                    "funder",
                    models.CharField(
                        default="Office for Victims of Crime, U.S. Department of Justice",
                        max_length=200,
                    ),
                ),
                ("administering_agency", models.CharField(max_length=200)),
                ("federal_fiscal_year", models.PositiveSmallIntegerField()),
                (
                    "total_amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="total federal amount"
                    ),
                ),
                ("period_start", models.DateField(verbose_name="period of performance starts")),
                ("period_end", models.DateField(verbose_name="period of performance ends")),
                (
                    "match_rate",
                    models.DecimalField(
                        decimal_places=4,
                        default=Decimal("0.2000"),
                        max_digits=5,
                        verbose_name="required match (share of total project cost)",
                    ),
                ),
                (
                    "match_waiver_percent",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=5,
                        verbose_name="match waived (%)",
                    ),
                ),
                ("match_waiver_reference", models.CharField(blank=True, max_length=200)),
                (
                    "indirect_cost_rate",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=5,
                        null=True,
                        verbose_name="indirect cost rate (%)",
                    ),
                ),
                (
                    "uniform_guidance",
                    models.CharField(
                        choices=[
                            ("2024", "2 CFR 200 as revised for awards from 1 Oct 2024"),
                            ("earlier", "2 CFR 200 before the 2024 revision"),
                        ],
                        default="2024",
                        max_length=10,
                        verbose_name="Uniform Guidance that applies",
                    ),
                ),
                (
                    "negotiated_indirect_rate",
                    models.BooleanField(
                        default=False,
                        help_text="Needed for an indirect cost rate above the de minimis rate.",
                        verbose_name="indirect rate from a negotiated agreement",
                    ),
                ),
                (
                    "indirect_rate_type",
                    models.CharField(
                        choices=[
                            ("de_minimis", "De minimis (no negotiated agreement)"),
                            ("provisional", "Provisional"),
                            ("predetermined", "Predetermined"),
                            ("final", "Final"),
                            ("fixed", "Fixed"),
                        ],
                        default="de_minimis",
                        help_text="As the SF-425 reports it on line 11a; any type but de minimis comes from a negotiated agreement.",
                        max_length=20,
                        verbose_name="type of indirect rate",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "closed_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="closed out"
                    ),
                ),
                (
                    "closed_by",
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
                "ordering": ["-period_start"],
            },
        ),
        migrations.CreateModel(
            name="BudgetLine",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("personnel", "Personnel"),
                            ("fringe", "Fringe Benefits"),
                            ("travel", "Travel"),
                            ("equipment", "Equipment"),
                            ("supplies", "Supplies"),
                            ("contractual", "Contractual/Consultants"),
                            ("other", "Other"),
                            ("indirect", "Indirect"),
                        ],
                        max_length=20,
                        verbose_name="federal cost category",
                    ),
                ),
                ("program", models.CharField(help_text="e.g. Victim Service Days", max_length=100)),
                ("description", models.CharField(max_length=200)),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="approved amount"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "award",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="lines",
                        to="grants.award",
                    ),
                ),
            ],
            options={
                "ordering": ["award", "pk"],
            },
        ),
        migrations.CreateModel(
            name="BudgetRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                ("reason", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("requested", "Requested"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                        ],
                        default="requested",
                        max_length=12,
                    ),
                ),
                ("requested_at", models.DateTimeField()),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("decision_reason", models.TextField(blank=True)),
                (
                    "award",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="revisions",
                        to="grants.award",
                    ),
                ),
                (
                    "decided_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "from_line",
                    models.ForeignKey(
                        blank=True,
                        help_text="Leave empty to budget money not yet assigned to any line.",
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="revisions_out",
                        to="grants.budgetline",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "to_line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="revisions_in",
                        to="grants.budgetline",
                    ),
                ),
            ],
            options={
                "ordering": ["-requested_at", "-pk"],
                "permissions": [
                    ("approve_budgetrevision", "Can approve or reject budget revisions")
                ],
            },
        ),
        migrations.CreateModel(
            name="ContactFunding",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "award",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="funded_contacts",
                        to="grants.award",
                    ),
                ),
                (
                    "contact",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="funding",
                        to="services.contact",
                    ),
                ),
            ],
            options={
                "verbose_name": "contact's funding award",
            },
        ),
        migrations.CreateModel(
            name="Draw",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("incurred_on", models.DateField(verbose_name="date incurred")),
                (
                    "month",
                    models.DateField(
                        help_text="First day of the month.", verbose_name="month it belongs to"
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                ("payee", models.CharField(max_length=200)),
                ("description", models.CharField(max_length=300)),
                (
                    "document",
                    models.FileField(
                        blank=True,
                        storage=grants.models.base.private_storage,
                        upload_to="draws/%Y/%m/",
                        verbose_name="supporting document",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("approved", "Approved"),
                            ("paid", "Paid"),
                            ("rejected", "Rejected"),
                        ],
                        default="draft",
                        max_length=12,
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        blank=True, help_text="Why it was rejected, or why it reverses."
                    ),
                ),
                ("requested_at", models.DateTimeField()),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                ("approved_at", models.DateTimeField(blank=True, null=True)),
                ("paid_at", models.DateTimeField(blank=True, null=True)),
                ("paid_on", models.DateField(blank=True, null=True, verbose_name="date paid")),
                (
                    "payment_reference",
                    models.CharField(
                        blank=True,
                        help_text="Check number, EFT or voucher reference.",
                        max_length=100,
                    ),
                ),
                ("rejected_at", models.DateTimeField(blank=True, null=True)),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "award",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="draws",
                        to="grants.award",
                    ),
                ),
                (
                    "line",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="draws",
                        to="grants.budgetline",
                        verbose_name="budget line",
                    ),
                ),
                (
                    "paid_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "rejected_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "reverses",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="reversal",
                        to="grants.draw",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-month", "-pk"],
                "permissions": [
                    ("submit_draw", "Can submit draws for approval"),
                    ("approve_draw", "Can approve or reject draws"),
                    ("pay_draw", "Can record draws as paid"),
                    ("reverse_draw", "Can reverse paid draws"),
                ],
            },
        ),
        migrations.CreateModel(
            name="ExportLog",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "run_by",
                    models.CharField(
                        help_text="Who generated it, as shown on the cover.", max_length=150
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("report", models.CharField(max_length=40)),
                ("report_title", models.CharField(max_length=200)),
                ("report_version", models.CharField(max_length=40)),
                ("format", models.CharField(max_length=8)),
                ("parameters", models.JSONField(default=dict)),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                ("size", models.PositiveBigIntegerField(verbose_name="file size (bytes)")),
                (
                    "channel",
                    models.CharField(default="admin", help_text="admin or command", max_length=20),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "export log entry",
                "verbose_name_plural": "export log",
                "ordering": ["-created_at", "-pk"],
                "permissions": [
                    ("generate_pmt_report", "Can generate the PMT performance report"),
                    (
                        "generate_money_reports",
                        "Can generate the money reports (SF-425, budget, claims, draws, audit trail)",
                    ),
                ],
                "default_permissions": ("view",),
            },
        ),
        migrations.CreateModel(
            name="AwardCloseOut",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("closed_at", models.DateTimeField(verbose_name="closed out")),
                ("reason", models.TextField()),
                (
                    "total",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="total federal amount"
                    ),
                ),
                (
                    "budgeted",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="budgeted"),
                ),
                (
                    "paid",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        verbose_name="federal share of expenditures (paid)",
                    ),
                ),
                (
                    "deobligated",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        verbose_name="unobligated balance de-obligated",
                    ),
                ),
                (
                    "match_required",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        verbose_name="match required (after any waiver)",
                    ),
                ),
                (
                    "match_provided",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="match provided"
                    ),
                ),
                (
                    "match_waiver_percent",
                    models.DecimalField(
                        decimal_places=2, max_digits=5, verbose_name="match waived (%)"
                    ),
                ),
                (
                    "document",
                    models.FileField(
                        help_text="Final performance report and close-out letter, kept private.",
                        storage=grants.models.base.private_storage,
                        upload_to="closeout/%Y/",
                        verbose_name="close-out documents",
                    ),
                ),
                ("lines", models.JSONField(default=list)),
                (
                    "award",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="close_out",
                        to="grants.award",
                    ),
                ),
                (
                    "closed_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "final_ffr",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="grants.exportlog",
                        verbose_name="final SF-425 (export log entry)",
                    ),
                ),
            ],
            options={
                "verbose_name": "award close-out",
            },
        ),
        migrations.CreateModel(
            name="GeneratedExport",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("requested_at", models.DateTimeField(auto_now_add=True)),
                ("report", models.CharField(max_length=40)),
                ("format", models.CharField(max_length=8)),
                ("parameters", models.JSONField(default=dict)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("queued", "Queued"),
                            ("running", "Being generated"),
                            ("ready", "Ready"),
                            ("failed", "Failed"),
                            ("expired", "Expired"),
                        ],
                        default="queued",
                        max_length=10,
                    ),
                ),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                ("expires_at", models.DateTimeField(blank=True, null=True)),
                (
                    "file",
                    models.FileField(
                        blank=True,
                        storage=grants.exports.models._private_storage,
                        upload_to="exports/%Y/%m/",
                    ),
                ),
                ("error", models.CharField(blank=True, max_length=300)),
                (
                    "log",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="grants.exportlog",
                    ),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-requested_at", "-pk"],
                "default_permissions": (),
            },
        ),
        migrations.CreateModel(
            name="HistoricalAward",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("federal_award_number", models.CharField(db_index=True, max_length=60)),
                (
                    "funder",
                    models.CharField(
                        default="Office for Victims of Crime, U.S. Department of Justice",
                        max_length=200,
                    ),
                ),
                ("administering_agency", models.CharField(max_length=200)),
                ("federal_fiscal_year", models.PositiveSmallIntegerField()),
                (
                    "total_amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="total federal amount"
                    ),
                ),
                ("period_start", models.DateField(verbose_name="period of performance starts")),
                ("period_end", models.DateField(verbose_name="period of performance ends")),
                (
                    "match_rate",
                    models.DecimalField(
                        decimal_places=4,
                        default=Decimal("0.2000"),
                        max_digits=5,
                        verbose_name="required match (share of total project cost)",
                    ),
                ),
                (
                    "match_waiver_percent",
                    models.DecimalField(
                        decimal_places=2,
                        default=Decimal("0.00"),
                        max_digits=5,
                        verbose_name="match waived (%)",
                    ),
                ),
                ("match_waiver_reference", models.CharField(blank=True, max_length=200)),
                (
                    "indirect_cost_rate",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=5,
                        null=True,
                        verbose_name="indirect cost rate (%)",
                    ),
                ),
                (
                    "uniform_guidance",
                    models.CharField(
                        choices=[
                            ("2024", "2 CFR 200 as revised for awards from 1 Oct 2024"),
                            ("earlier", "2 CFR 200 before the 2024 revision"),
                        ],
                        default="2024",
                        max_length=10,
                        verbose_name="Uniform Guidance that applies",
                    ),
                ),
                (
                    "negotiated_indirect_rate",
                    models.BooleanField(
                        default=False,
                        help_text="Needed for an indirect cost rate above the de minimis rate.",
                        verbose_name="indirect rate from a negotiated agreement",
                    ),
                ),
                (
                    "indirect_rate_type",
                    models.CharField(
                        choices=[
                            ("de_minimis", "De minimis (no negotiated agreement)"),
                            ("provisional", "Provisional"),
                            ("predetermined", "Predetermined"),
                            ("final", "Final"),
                            ("fixed", "Fixed"),
                        ],
                        default="de_minimis",
                        help_text="As the SF-425 reports it on line 11a; any type but de minimis comes from a negotiated agreement.",
                        max_length=20,
                        verbose_name="type of indirect rate",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "closed_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="closed out"
                    ),
                ),
                ("history_change_reason", models.TextField(null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "closed_by",
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
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical award",
                "verbose_name_plural": "historical awards",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAwardCloseOut",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("closed_at", models.DateTimeField(verbose_name="closed out")),
                ("reason", models.TextField()),
                (
                    "total",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="total federal amount"
                    ),
                ),
                (
                    "budgeted",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="budgeted"),
                ),
                (
                    "paid",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        verbose_name="federal share of expenditures (paid)",
                    ),
                ),
                (
                    "deobligated",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        verbose_name="unobligated balance de-obligated",
                    ),
                ),
                (
                    "match_required",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=14,
                        verbose_name="match required (after any waiver)",
                    ),
                ),
                (
                    "match_provided",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="match provided"
                    ),
                ),
                (
                    "match_waiver_percent",
                    models.DecimalField(
                        decimal_places=2, max_digits=5, verbose_name="match waived (%)"
                    ),
                ),
                (
                    "document",
                    models.TextField(
                        help_text="Final performance report and close-out letter, kept private.",
                        max_length=100,
                        verbose_name="close-out documents",
                    ),
                ),
                ("lines", models.JSONField(default=list)),
                ("history_change_reason", models.TextField(null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "award",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.award",
                    ),
                ),
                (
                    "closed_by",
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
                    "final_ffr",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.exportlog",
                        verbose_name="final SF-425 (export log entry)",
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
            ],
            options={
                "verbose_name": "historical award close-out",
                "verbose_name_plural": "historical award close-outs",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalBudgetLine",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "category",
                    models.CharField(
                        choices=[
                            ("personnel", "Personnel"),
                            ("fringe", "Fringe Benefits"),
                            ("travel", "Travel"),
                            ("equipment", "Equipment"),
                            ("supplies", "Supplies"),
                            ("contractual", "Contractual/Consultants"),
                            ("other", "Other"),
                            ("indirect", "Indirect"),
                        ],
                        max_length=20,
                        verbose_name="federal cost category",
                    ),
                ),
                ("program", models.CharField(help_text="e.g. Victim Service Days", max_length=100)),
                ("description", models.CharField(max_length=200)),
                (
                    "amount",
                    models.DecimalField(
                        decimal_places=2, max_digits=14, verbose_name="approved amount"
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("history_change_reason", models.TextField(null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "award",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.award",
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
            ],
            options={
                "verbose_name": "historical budget line",
                "verbose_name_plural": "historical budget lines",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalBudgetRevision",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                ("reason", models.TextField()),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("requested", "Requested"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                        ],
                        default="requested",
                        max_length=12,
                    ),
                ),
                ("requested_at", models.DateTimeField()),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("decision_reason", models.TextField(blank=True)),
                ("history_change_reason", models.TextField(null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "award",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.award",
                    ),
                ),
                (
                    "decided_by",
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
                    "from_line",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="Leave empty to budget money not yet assigned to any line.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.budgetline",
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
                    "requested_by",
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
                    "to_line",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.budgetline",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical budget revision",
                "verbose_name_plural": "historical budget revisions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalContactFunding",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("history_change_reason", models.TextField(null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "award",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.award",
                    ),
                ),
                (
                    "contact",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="services.contact",
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
            ],
            options={
                "verbose_name": "historical contact's funding award",
                "verbose_name_plural": "historical contact's funding awards",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalDraw",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("incurred_on", models.DateField(verbose_name="date incurred")),
                (
                    "month",
                    models.DateField(
                        help_text="First day of the month.", verbose_name="month it belongs to"
                    ),
                ),
                (
                    "amount",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="amount"),
                ),
                ("payee", models.CharField(max_length=200)),
                ("description", models.CharField(max_length=300)),
                (
                    "document",
                    models.TextField(
                        blank=True, max_length=100, verbose_name="supporting document"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("draft", "Draft"),
                            ("submitted", "Submitted"),
                            ("approved", "Approved"),
                            ("paid", "Paid"),
                            ("rejected", "Rejected"),
                        ],
                        default="draft",
                        max_length=12,
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        blank=True, help_text="Why it was rejected, or why it reverses."
                    ),
                ),
                ("requested_at", models.DateTimeField()),
                ("submitted_at", models.DateTimeField(blank=True, null=True)),
                ("approved_at", models.DateTimeField(blank=True, null=True)),
                ("paid_at", models.DateTimeField(blank=True, null=True)),
                ("paid_on", models.DateField(blank=True, null=True, verbose_name="date paid")),
                (
                    "payment_reference",
                    models.CharField(
                        blank=True,
                        help_text="Check number, EFT or voucher reference.",
                        max_length=100,
                    ),
                ),
                ("rejected_at", models.DateTimeField(blank=True, null=True)),
                ("history_change_reason", models.TextField(null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "approved_by",
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
                    "award",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.award",
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
                    "line",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.budgetline",
                        verbose_name="budget line",
                    ),
                ),
                (
                    "paid_by",
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
                    "rejected_by",
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
                    "requested_by",
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
                    "reverses",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.draw",
                    ),
                ),
                (
                    "submitted_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical draw",
                "verbose_name_plural": "historical draws",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalMatchContribution",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("contributed_on", models.DateField(verbose_name="date")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("cash", "Cash"),
                            ("volunteer", "Volunteer hours"),
                            ("space", "Donated space"),
                            ("goods", "Donated goods or services"),
                            ("other", "Other in-kind"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "hours",
                    models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True),
                ),
                (
                    "hourly_rate",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="rate per hour",
                    ),
                ),
                (
                    "value",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="value"),
                ),
                ("description", models.CharField(max_length=300)),
                (
                    "document",
                    models.TextField(
                        blank=True, max_length=100, verbose_name="supporting document"
                    ),
                ),
                ("recorded_at", models.DateTimeField()),
                ("history_change_reason", models.TextField(null=True)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "award",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.award",
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
                    "recorded_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical match contribution",
                "verbose_name_plural": "historical match contributions",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="MatchContribution",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("contributed_on", models.DateField(verbose_name="date")),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("cash", "Cash"),
                            ("volunteer", "Volunteer hours"),
                            ("space", "Donated space"),
                            ("goods", "Donated goods or services"),
                            ("other", "Other in-kind"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "hours",
                    models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True),
                ),
                (
                    "hourly_rate",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="rate per hour",
                    ),
                ),
                (
                    "value",
                    models.DecimalField(decimal_places=2, max_digits=14, verbose_name="value"),
                ),
                ("description", models.CharField(max_length=300)),
                (
                    "document",
                    models.FileField(
                        blank=True,
                        storage=grants.models.base.private_storage,
                        upload_to="match/%Y/%m/",
                        verbose_name="supporting document",
                    ),
                ),
                ("recorded_at", models.DateTimeField()),
                (
                    "award",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="match_contributions",
                        to="grants.award",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-contributed_on", "-pk"],
            },
        ),
        migrations.AddConstraint(
            model_name="award",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("total_amount__gt", 0),
                    (
                        "total_amount",
                        django.db.models.functions.math.Round(models.F("total_amount"), 2),
                    ),
                ),
                name="award_total_positive_cents",
            ),
        ),
        migrations.AddConstraint(
            model_name="award",
            constraint=models.CheckConstraint(
                condition=models.Q(("period_end__gt", models.F("period_start"))),
                name="award_period_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="award",
            constraint=models.CheckConstraint(
                condition=models.Q(("match_rate__gte", 0), ("match_rate__lt", 1)),
                name="award_match_rate_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="award",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("match_waiver_percent__gte", 0), ("match_waiver_percent__lte", 100)
                ),
                name="award_match_waiver_range",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetline",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("amount__gte", 0),
                    ("amount", django.db.models.functions.math.Round(models.F("amount"), 2)),
                ),
                name="line_amount_not_negative_cents",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetrevision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("amount__gt", 0),
                    ("amount", django.db.models.functions.math.Round(models.F("amount"), 2)),
                ),
                name="revision_amount_positive_cents",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetrevision",
            constraint=models.CheckConstraint(
                condition=models.Q(("from_line", models.F("to_line")), _negated=True),
                name="revision_two_lines",
            ),
        ),
        migrations.AddConstraint(
            model_name="budgetrevision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("decided_by__isnull", True),
                    models.Q(("decided_by", models.F("requested_by")), _negated=True),
                    _connector="OR",
                ),
                name="revision_requester_not_decider",
            ),
        ),
        migrations.AddIndex(
            model_name="draw",
            index=models.Index(fields=["line", "status"], name="grants_draw_line_id_a91d81_idx"),
        ),
        migrations.AddConstraint(
            model_name="draw",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("amount", django.db.models.functions.math.Round(models.F("amount"), 2)),
                    models.Q(
                        models.Q(("amount__gt", 0), ("reverses__isnull", True)),
                        models.Q(
                            ("amount__lt", 0), ("reverses__isnull", False), ("status", "paid")
                        ),
                        _connector="OR",
                    ),
                ),
                name="draw_amount_positive_cents_or_reversal",
            ),
        ),
        migrations.AddConstraint(
            model_name="draw",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("approved_by__isnull", True),
                    ("reverses__isnull", False),
                    models.Q(("approved_by", models.F("submitted_by")), _negated=True),
                    _connector="OR",
                ),
                name="draw_submitter_not_approver",
            ),
        ),
        migrations.AddConstraint(
            model_name="draw",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "rejected"), _negated=True),
                    models.Q(("reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="draw_rejection_has_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="draw",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("reverses__isnull", True),
                    models.Q(("reason", ""), _negated=True),
                    _connector="OR",
                ),
                name="draw_reversal_has_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="matchcontribution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("value__gt", 0),
                    ("value", django.db.models.functions.math.Round(models.F("value"), 2)),
                ),
                name="match_value_positive_cents",
            ),
        ),
        migrations.AddConstraint(
            model_name="matchcontribution",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("kind", "volunteer"), _negated=True),
                    models.Q(("hourly_rate__gt", 0), ("hours__gt", 0)),
                    _connector="OR",
                ),
                name="match_volunteer_hours_and_rate",
            ),
        ),
    ]
