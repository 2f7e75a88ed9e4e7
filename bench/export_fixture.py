"""The export and back-office benches' fixture: a scratch PostgreSQL database with 100,000 contacts
(40,000 clients) and 20,000 draws with their history on award BENCH-0001, and two other
overlapping awards, filled once with bulk inserts (history tables included: fine for a fixture,
never in the app). ``--contacts N`` / ``--draws N`` on the command line choose another size.

Used by bench/exports.py and bench/backoffice.py.
"""

import datetime as dt
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voca.settings.dev")
DB_NAME = "voca_bench_exports"
os.environ.setdefault("DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{DB_NAME}")

CONTACTS = int(sys.argv[sys.argv.index("--contacts") + 1]) if "--contacts" in sys.argv else 100_000
CLIENTS = CONTACTS * 2 // 5
DRAWS = int(sys.argv[sys.argv.index("--draws") + 1]) if "--draws" in sys.argv else 20_000
REPORTED_AWARD = "BENCH-0001"
OTHER_AWARDS = {"BENCH-0002": dt.date(2024, 10, 1), "BENCH-0003": dt.date(2023, 10, 1)}
OTHER_DRAWS = DRAWS // 10
FY_START = dt.date(2025, 10, 1)
BATCH = 5_000


def ensure_database():
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django():
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def hist(obj, when, kind, user_id, reason=""):
    model = type(obj).history.model
    values = {
        f.attname: getattr(obj, f.attname)
        for f in model._meta.concrete_fields
        if f.attname != "history_id" and not f.attname.startswith("history_")
    }
    return model(
        **values,
        history_date=when,
        history_type=kind,
        history_user_id=user_id,
        history_change_reason=reason,
    )


def moment(day: dt.date, hour=10):
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def build_fixture(rng):
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from grants.models import Award, BudgetLine, Draw
    from organizations.models import Organization
    from services.history import format_codes, format_service_codes
    from services.models import (
        AgeGroup,
        Client,
        Contact,
        ContactService,
        GenderIdentity,
        RaceEthnicity,
        SpecialClassification,
        SubService,
        VictimizationType,
    )

    print("Building the fixture (bulk inserts)...", flush=True)
    started = time.perf_counter()
    with connection.cursor() as cur:
        tables = [
            "services_contactservice",
            "services_contact_victimizations",
            "services_historicalcontact",
            "services_contact",
            "services_client_special_classifications",
            "services_historicalclient",
            "services_client",
            "grants_historicaldraw",
            "grants_draw",
            "grants_historicalbudgetline",
            "grants_budgetline",
            "grants_historicalaward",
            "grants_award",
        ]
        cur.execute("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE")
    User = get_user_model()
    users = {}
    for name in ("bench_advocate", "bench_finance", "bench_manager"):
        users[name], _ = User.objects.get_or_create(username=name, defaults={"is_staff": True})
    adv, fin, man = (users[n].pk for n in ("bench_advocate", "bench_finance", "bench_manager"))
    unit = Organization.objects.the_unit().pk
    races = list(RaceEthnicity.objects.values_list("pk", flat=True))
    genders = list(GenderIdentity.objects.values_list("pk", flat=True))
    ages = list(AgeGroup.objects.values_list("pk", flat=True))
    services = list(SubService.objects.values_list("pk", "code"))
    victimizations = list(VictimizationType.objects.values_list("pk", "code"))
    classifications = list(SpecialClassification.objects.values_list("pk", "code"))
    days = [FY_START + dt.timedelta(days=i) for i in range(365)]
    with transaction.atomic():
        # One client in ten has a special classification (on the record, as operations write it).
        classified = [rng.choice(classifications) if i % 10 == 3 else None for i in range(CLIENTS)]
        clients = [
            Client(
                code=f"B{i:07d}",
                organization_id=unit,
                race_ethnicity_id=rng.choice(races),
                gender_identity_id=rng.choice(genders),
                age_group_id=rng.choice(ages),
                created_by_id=adv,
                special_classification_codes=format_codes(
                    [classified[i][1]] if classified[i] else []
                ),
            )
            for i in range(CLIENTS)
        ]
        Client.objects.bulk_create(clients, batch_size=BATCH)
        Client.history.model.objects.bulk_create(
            [hist(c, moment(FY_START), "+", adv, "Registered") for c in clients], batch_size=BATCH
        )
        Client.special_classifications.through.objects.bulk_create(
            [
                Client.special_classifications.through(
                    client_id=c.pk, specialclassification_id=found[0]
                )
                for c, found in zip(clients, classified, strict=True)
                if found
            ],
            batch_size=BATCH,
        )
        contacts, given = [], []
        for i in range(CONTACTS):
            day = days[i * 365 // CONTACTS]
            client_id = None if i % 10 == 0 else clients[rng.randrange(CLIENTS)].pk
            gave = [
                (s, rng.choice((1, 1, 2))) for s in rng.sample(services, rng.choice((1, 1, 2, 3)))
            ]
            victimization = rng.choice(victimizations) if client_id else None
            given.append((gave, victimization))
            contacts.append(
                Contact(
                    organization_id=unit,
                    date=day,
                    staff_id=adv,
                    client_id=client_id,
                    compensation_help=i % 7 == 0,
                    voided=i % 100 == 0,
                    void_reason="Entered twice" if i % 100 == 0 else "",
                    notes="bench note",
                    # As services.operations writes them: what history (and the PMT) reads.
                    service_codes=format_service_codes((code, t) for (_, code), t in gave),
                    victimization_codes=format_codes([victimization[1]] if victimization else []),
                )
            )
        Contact.objects.bulk_create(contacts, batch_size=BATCH)
        Contact.history.model.objects.bulk_create(
            [hist(c, moment(c.date), "+", adv, "Logged") for c in contacts], batch_size=BATCH
        )
        rows, links = [], []
        through = Contact.victimizations.through
        for c, (gave, victimization) in zip(contacts, given, strict=True):
            rows += [ContactService(contact_id=c.pk, service_id=pk, times=t) for (pk, _), t in gave]
            if victimization:
                links.append(through(contact_id=c.pk, victimizationtype_id=victimization[0]))
        ContactService.objects.bulk_create(rows, batch_size=BATCH)
        through.objects.bulk_create(links, batch_size=BATCH)

        award = Award(
            federal_award_number="BENCH-0001",
            administering_agency="State Department of Public Safety",
            federal_fiscal_year=2026,
            total_amount=Decimal("50000000.00"),
            period_start=FY_START,
            period_end=dt.date(2027, 9, 30),
        )
        Award.objects.bulk_create([award])
        Award.history.model.objects.bulk_create(
            [hist(award, moment(FY_START, 8), "+", man, "Award")]
        )
        lines = [
            BudgetLine(
                award=award,
                category=cat,
                program="Bench",
                description=cat,
                amount=Decimal("6000000.00"),
            )
            for cat in (
                "personnel",
                "fringe",
                "travel",
                "equipment",
                "supplies",
                "contractual",
                "other",
                "indirect",
            )
        ]
        BudgetLine.objects.bulk_create(lines)
        BudgetLine.history.model.objects.bulk_create(
            [hist(li, moment(FY_START, 9), "+", man, "Budget") for li in lines]
        )
        draws, versions = [], []
        for i in range(DRAWS):
            day = days[i * 365 // DRAWS]
            kind = rng.random()
            status = (
                "paid"
                if kind < 0.7
                else "approved"
                if kind < 0.8
                else "submitted"
                if kind < 0.9
                else "rejected"
            )
            requested = moment(day, 9)
            d = Draw(
                award=award,
                line=rng.choice(lines),
                incurred_on=day,
                month=day.replace(day=1),
                amount=Decimal(rng.randrange(1000, 500000)) / 100,
                payee=rng.choice(("Payroll", "Acme Print", "=cmd|' /C calc'!A0", "City Transit")),
                description=f"Bench cost {i}",
                status=status,
                reason="No receipt" if status == "rejected" else "",
                requested_by_id=fin,
                requested_at=requested,
                submitted_by_id=fin,
                submitted_at=requested,
            )
            if status in ("approved", "paid"):
                d.approved_by_id, d.approved_at = man, requested + dt.timedelta(days=1)
            if status == "paid":
                d.paid_by_id, d.paid_at = fin, requested + dt.timedelta(days=3)
            if status == "rejected":
                d.rejected_by_id, d.rejected_at = man, requested + dt.timedelta(days=1)
            draws.append(d)
        Draw.objects.bulk_create(draws, batch_size=BATCH)
        for d in draws:
            final = {
                k: getattr(d, k)
                for k in (
                    "status",
                    "approved_by_id",
                    "approved_at",
                    "paid_by_id",
                    "paid_at",
                    "rejected_by_id",
                    "rejected_at",
                    "reason",
                )
            }
            d.status, d.approved_by_id, d.approved_at, d.paid_by_id, d.paid_at = (
                "submitted",
                None,
                None,
                None,
                None,
            )
            d.rejected_by_id, d.rejected_at, d.reason = None, None, ""
            versions.append(hist(d, d.requested_at, "+", fin, "Requested and submitted"))
            if final["status"] == "rejected":
                d.status, d.rejected_by_id, d.rejected_at, d.reason = (
                    "rejected",
                    man,
                    final["rejected_at"],
                    "No receipt",
                )
                versions.append(hist(d, final["rejected_at"], "~", man, "Rejected: No receipt"))
            if final["status"] in ("approved", "paid"):
                d.status, d.approved_by_id, d.approved_at = "approved", man, final["approved_at"]
                versions.append(hist(d, final["approved_at"], "~", man, "Approved"))
            if final["status"] == "paid":
                d.status, d.paid_by_id, d.paid_at = "paid", fin, final["paid_at"]
                versions.append(hist(d, final["paid_at"], "~", fin, "Paid"))
        Draw.history.model.objects.bulk_create(versions, batch_size=BATCH)
    with connection.cursor() as cur:
        cur.execute("ANALYZE")
    print(
        f"  {CLIENTS:,} clients, {CONTACTS:,} contacts, {len(rows):,} services given, "
        f"{DRAWS:,} draws, "
        f"{len(versions):,} draw history rows in {time.perf_counter() - started:.1f} s",
        flush=True,
    )


def fixture_built() -> bool:
    """The database holds the fixture of this size (else it is built afresh)."""
    from grants.models import Draw
    from services.models import Contact

    draws = Draw.objects.filter(award__federal_award_number=REPORTED_AWARD).count()
    return Contact.objects.count() == CONTACTS and draws == DRAWS


def ensure_other_awards(rng):
    """The two other overlapping awards, each with paid draws (bulk inserts, history included)."""
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from grants.models import Award, BudgetLine, Draw

    man = get_user_model().objects.get(username="bench_manager").pk
    fin = get_user_model().objects.get(username="bench_finance").pk
    for number, start in OTHER_AWARDS.items():
        if Award.objects.filter(federal_award_number=number).exists():
            continue
        with transaction.atomic():
            award = Award(
                federal_award_number=number,
                administering_agency="State Department of Public Safety",
                federal_fiscal_year=start.year + 1,
                total_amount=Decimal("20000000.00"),
                period_start=start,
                period_end=start.replace(year=start.year + 4) - dt.timedelta(days=1),
            )
            Award.objects.bulk_create([award])
            Award.history.model.objects.bulk_create([hist(award, moment(start, 8), "+", man, "")])
            lines = [
                BudgetLine(award=award, category=c, program="Bench", description=c, amount=v)
                for c, v in (
                    ("personnel", Decimal("15000000.00")),
                    ("travel", Decimal("5000000.00")),
                )
            ]
            BudgetLine.objects.bulk_create(lines)
            BudgetLine.history.model.objects.bulk_create(
                [hist(li, moment(start, 9), "+", man, "Budget") for li in lines]
            )
            draws = []
            for i in range(OTHER_DRAWS):
                day = FY_START + dt.timedelta(days=i * 365 // OTHER_DRAWS)
                at = moment(day, 9)
                draws.append(
                    Draw(
                        award=award,
                        line=rng.choice(lines),
                        incurred_on=day,
                        month=day.replace(day=1),
                        amount=Decimal(rng.randrange(1000, 500000)) / 100,
                        payee="Payroll",
                        description=f"Other award cost {i}",
                        status="paid",
                        requested_by_id=fin,
                        requested_at=at,
                        submitted_by_id=fin,
                        submitted_at=at,
                        approved_by_id=man,
                        approved_at=at,
                        paid_by_id=fin,
                        paid_at=at,
                    )
                )
            Draw.objects.bulk_create(draws, batch_size=BATCH)
            Draw.history.model.objects.bulk_create(
                [hist(d, d.requested_at, "+", fin, "Paid") for d in draws], batch_size=BATCH
            )
