"""Benchmark: the state's claim review queue and a subrecipient's claims list at 50 subrecipients x
48 monthly claims each (2,400 claims), in-process, as bench/backoffice.py measures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/voca_bench_claims \
        .venv/bin/python bench/claims.py [--rebuild] [--repeat 5]

Builds the claims in bulk in a scratch PostgreSQL database (the figures, not the operations, are
what is measured here; the operations have their tests), signs in as the state's grants manager
and as one subrecipient's finance person and requests their pages with Django's test client:
median time and queries per page, and the ratio to the lightest admin page measured in the same
run (the goal: within 2.5x, with the same number of queries on page 1 and deep in the list).
"""

import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voca.settings.dev")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/voca_bench_claims")

from bench import export_fixture as exports  # noqa: E402  (reads DATABASE_URL)

GOAL = 2.5
AGENCIES = 50
CLAIMS_EACH = 48
FIRST_MONTH = dt.date(2022, 10, 1)
AWARD = "BENCH-CLAIMS"
QUEUE = "/admin/subawards_claims/"
DEEP = "/admin/subawards_claims/ last page (20 or 3)"


def _months(n):
    month, out = FIRST_MONTH, []
    for _ in range(n):
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def build(rng):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from grants import operations as grants_operations
    from organizations.models import Membership, Organization, OrganizationKind
    from subawards.models import (
        Claim,
        ClaimLine,
        ClaimRound,
        Subaward,
        SubawardBudgetLine,
        SubawardVersion,
    )
    from voca.roles import sync_roles

    sync_roles()
    User = get_user_model()
    gm, _ = User.objects.get_or_create(username="bench_claims_gm")
    gm.groups.add(Group.objects.get(name="Grants Manager"))
    agency_finance = Group.objects.get_or_create(name="Agency Finance")[0]
    agency_finance.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    award = grants_operations.create_award(
        actor=gm,
        federal_award_number=AWARD,
        administering_agency="State Department of Public Safety",
        federal_fiscal_year=2023,
        total_amount="100000000.00",
        period_start=FIRST_MONTH,
        period_end=dt.date(2026, 9, 30),
        reason="Benchmark",
    )
    line = grants_operations.add_budget_line(
        actor=gm,
        award_id=award.pk,
        category="subawards",
        amount="90000000.00",
        program="Local agencies",
        description="Subawards",
        reason="Benchmark",
    )
    orgs = Organization.objects.bulk_create(
        Organization(
            kind=OrganizationKind.SUBRECIPIENT,
            legal_name=f"Bench Agency {i:02d}, Inc.",
            short_name=f"Agency {i:02d}",
            uei=f"BENCH{i:07d}",
            street="1 Main Street",
            city="St. Louis",
            zip_code="63103",
            service_area="St. Louis",
            contact_name="Dana Reyes",
        )
        for i in range(AGENCIES)
    )
    people = User.objects.bulk_create(
        User(username=f"bench_agency_{i:02d}", first_name="Agency") for i in range(AGENCIES)
    )
    agency_finance.user_set.add(*people)
    Membership.objects.bulk_create(
        Membership(user=u, organization=o) for u, o in zip(people, orgs, strict=True)
    )
    subawards = Subaward.objects.bulk_create(
        Subaward(number=f"BENCH-{i:03d}", subrecipient=o, line=line, created_by=gm)
        for i, o in enumerate(orgs)
    )
    end = dt.date(2026, 9, 30)
    versions = SubawardVersion.objects.bulk_create(
        SubawardVersion(
            subaward=s,
            number=1,
            kind="original",
            status="issued",
            reason="Benchmark",
            subrecipient_name=s.subrecipient.legal_name,
            subrecipient_uei=s.subrecipient.uei,
            fain=AWARD,
            federal_award_date=FIRST_MONTH,
            period_start=FIRST_MONTH,
            period_end=end,
            budget_period_start=FIRST_MONTH,
            budget_period_end=end,
            amount_this_action=Decimal("1000000.00"),
            total_obligated=Decimal("1000000.00"),
            total_committed=Decimal("1000000.00"),
            project_description="Benchmark",
            awarding_agency="OVC",
            pass_through_entity="State",  # noqa: S106
            pass_through_contact="Gale",  # noqa: S106
            indirect_rate_kind="none",
            match_required=Decimal("250000.00"),
            prepared_by=gm,
            effective_on=FIRST_MONTH,
        )
        for s in subawards
    )
    SubawardBudgetLine.objects.bulk_create(
        SubawardBudgetLine(version=v, category="personnel", amount=Decimal("1000000.00"))
        for v in versions
    )
    statuses = ["paid"] * 40 + ["approved", "program_approved", "submitted", "submitted"]
    statuses += ["sent_back", "rejected", "submitted", "program_approved"]
    claims = []
    for s, person in zip(subawards, people, strict=True):
        for month in _months(CLAIMS_EACH):
            last = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            claims.append(
                Claim(
                    subaward=s,
                    period_start=month,
                    period_end=last,
                    frequency="monthly",
                    status=rng.choice(statuses),
                    submitted_by=person,
                )
            )
    claims = Claim.objects.bulk_create(claims, batch_size=1000)
    rounds = ClaimRound.objects.bulk_create(
        (ClaimRound(claim=c, number=1, submitted_by=c.submitted_by) for c in claims),
        batch_size=1000,
    )
    ClaimLine.objects.bulk_create(
        (
            ClaimLine(
                round=r,
                category="personnel",
                requested=Decimal(rng.randrange(500000, 2000000)) / 100,
            )
            for r in rounds
        ),
        batch_size=1000,
    )


def measure(client, url: str, repeat: int) -> tuple[float, int, int]:
    """(median seconds, queries, status) of ``repeat`` requests after one warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times, queries, status = [], 0, 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        queries, status = len(captured), response.status_code
    return statistics.median(times), queries, status


def deep_page(queryset, number=20, per_page=20) -> str:
    """Page ``number`` of the list by its cursor (the row just above the page)."""
    number = min(number, (queryset.count() - 1) // per_page + 1)  # a subrecipient has 3 pages
    above = queryset.order_by("-period_start", "-id")[(number - 1) * per_page - 1]
    return f"{QUEUE}?p=before.{above.period_start.isoformat()}.{above.pk}"


def main():
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 5
    exports.ensure_database()
    exports.setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from subawards.models import Claim

    if "--rebuild" in sys.argv or not Claim.objects.filter(subaward__number="BENCH-000").exists():
        build(random.Random(2026))
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    User = get_user_model()
    gm = User.objects.get(username="bench_claims_gm")
    agency = User.objects.get(username="bench_agency_07")
    own = Claim.objects.filter(subaward__number="BENCH-007")
    pages = {
        ("Grants Manager", gm): [
            "/admin/",
            "/admin/account/",
            QUEUE,
            f"{QUEUE}?status=submitted",
            f"{QUEUE}?status=program_approved",
            f"{QUEUE}?status=approved",
            DEEP,
            f"/admin/subawards_claims/inspect/{own.first().pk}/",
        ],
        ("Agency Finance", agency): [
            "/admin/",
            QUEUE,
            DEEP,
            f"/admin/subawards_claims/inspect/{own.first().pk}/",
        ],
    }
    rows = []
    for (role, user), urls in pages.items():
        client = Client()
        client.force_login(user)
        scope = Claim.objects.all() if role == "Grants Manager" else own
        for page in urls:
            url = deep_page(scope) if page == DEEP else page
            seconds, queries, status = measure(client, url, repeat)
            rows.append({"role": role, "page": page, "ms": seconds * 1000, "queries": queries})
            rows[-1]["status"] = status
    lightest = min((r for r in rows if r["status"] == 200), key=lambda r: r["ms"])
    light = lightest["ms"]
    print(
        f"\n{AGENCIES} subrecipients x {CLAIMS_EACH} claims = {Claim.objects.count():,} claims; "
        f"lightest admin page {lightest['page']} ({lightest['role']}): {light:.0f} ms "
        f"(median of {repeat})\n"
    )
    print(f"{'role':<18}{'page':<44}{'ms':>7}{'queries':>9}{'ratio':>7}")
    for row in rows:
        row["ratio"] = row["ms"] / light
        flag = "" if row["ratio"] <= GOAL else "  <- over goal"
        if row["status"] != 200:
            flag = f"  <- HTTP {row['status']}"
        print(
            f"{row['role']:<18}{row['page']:<44}{row['ms']:>7.0f}{row['queries']:>9}"
            f"{row['ratio']:>7.2f}{flag}"
        )


if __name__ == "__main__":
    main()
