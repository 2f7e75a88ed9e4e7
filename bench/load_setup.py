"""The set-up of a bench/load.py run: a scratch PostgreSQL database with the demo, the load's
accounts (field staff, finance, grants managers) and an award with small budget lines, and the
plan the simulated users read (bench/locustfile.py). bench/multi_server.py prepares its database
with the same function.
"""

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/voca_load"
LOAD_PASSWORD = "load-test-password-not-secret"  # noqa: S105
LINE_AMOUNT = "2500.00"  # small, so concurrent draws run into the limits and get refused
MIX = {"field": 12, "finance": 5, "manager": 3}  # the rest of the users are public visitors
ACCOUNTS = {"field": 12, "finance": 5, "manager": 3}


def database_url() -> str:
    return os.environ.get("VOCA_LOAD_DATABASE_URL", DEFAULT_URL)


def server_env(url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),
        "VOCA_REQUIRE_2FA": "0",
        "VOCA_PUBLIC_CACHE_SECONDS": "600",
    }


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Odd database name {name!r}")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_setup(url: str) -> None:
    os.environ.update(server_env(url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare(url: str, workdir: Path, users: int) -> Path:
    """Scratch database with the demo, load users and a small award; returns the plan file."""
    recreate_database(url)
    django_setup(url)
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connections

    from events.models import Language, Service, ServiceDayPage
    from grants import operations
    from services.models import Client
    from voca.clock import local_today
    from voca.roles import ADVOCATE, FINANCE, GRANTS_MANAGER, SOCIAL_WORKER

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    User = get_user_model()
    roles = {
        "field": (ADVOCATE, SOCIAL_WORKER),
        "finance": (FINANCE,),
        "manager": (GRANTS_MANAGER,),
    }
    usernames = {}
    for kind, count in ACCOUNTS.items():
        usernames[kind] = []
        for n in range(count):
            user = User.objects.create_user(
                username=f"load-{kind}-{n:02d}",
                password=LOAD_PASSWORD,
                first_name=f"Load {kind} {n}",
            )
            user.groups.add(Group.objects.get(name=roles[kind][n % len(roles[kind])]))
            usernames[kind].append(user.username)

    today = local_today()
    manager = User.objects.get(username="load-manager-00")
    award = operations.create_award(
        actor=manager,
        federal_award_number=f"LOAD-{int(time.time())}",
        administering_agency="Load test",
        federal_fiscal_year=today.year,
        total_amount="100000.00",
        period_start=today - dt.timedelta(days=200),
        period_end=today + dt.timedelta(days=500),
        reason="Load test award",
    )
    lines = [
        operations.add_budget_line(
            actor=manager,
            award_id=award.pk,
            category=category,
            program="Load test",
            description=f"Load line {n}",
            amount=LINE_AMOUNT,
            reason="Load test budget",
        ).pk
        for n, category in enumerate(("personnel", "supplies", "travel", "other"))
    ]
    days = [d.url for d in ServiceDayPage.objects.live().public().specific()][:40]
    plan = {
        "run": time.strftime("%H%M%S"),
        "password": LOAD_PASSWORD,
        "users": usernames,
        "mix": {k: min(v, users // 3) for k, v in MIX.items()},
        "today": today.isoformat(),
        "lines": lines,
        "days": [d for d in days if d],
        "services": list(Service.objects.values_list("slug", flat=True)),
        "languages": list(Language.objects.values_list("code", flat=True)),
        "months": [
            (today.replace(day=1) + dt.timedelta(days=32 * k)).strftime("%Y-%m") for k in range(4)
        ],
        "client_codes": list(Client.objects.values_list("code", flat=True)[:20]),
    }
    connections.close_all()
    path = workdir / "plan.json"
    path.write_text(json.dumps(plan, indent=1))
    print(
        f"setup: scratch database migrated, demo loaded, {sum(ACCOUNTS.values())} load users, "
        f"award with {len(lines)} lines of ${LINE_AMOUNT} ({time.perf_counter() - started:.0f} s)"
    )
    return path
