"""Sustained draws per second on PostgreSQL with 8 workers, each with its own connection.

Every draw goes the whole way through grants.operations: recorded and submitted, approved by a
grants manager, paid. The workers charge ``--awards`` overlapping awards (3 by default, as a state
runs them; 1 puts everyone on one award's row lock), each worker on one line of one award.

    .venv/bin/python bench/ledger_draws.py [--workers 8] [--seconds 20] [--awards 3]

Uses DATABASE_URL, default postgres://postgres@127.0.0.1:5432/voca_bench_ledger (a scratch
database, created and migrated when missing).
"""

import argparse
import os
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/voca_bench_ledger"


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--awards", type=int, default=3, help="overlapping awards charged")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    figures = run(args.workers, args.seconds, args.awards)
    if args.json:
        import json

        Path(args.json).write_text(json.dumps(figures, indent=1))
    if figures["errors"]:
        sys.exit(1)


def run(workers: int = 8, seconds: float = 20, awards: int = 3) -> dict:
    """Draws recorded, approved and paid per second; prints and returns the figures."""
    args = argparse.Namespace(workers=workers, seconds=seconds, awards=max(1, awards))
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("This benchmark measures PostgreSQL: set DATABASE_URL=postgres://...")
    ensure_database(url)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voca.settings.test")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection

    from grants import operations
    from voca.roles import FINANCE, GRANTS_MANAGER, sync_roles

    call_command("migrate", verbosity=0)
    sync_roles()
    User = get_user_model()

    def user(name, role):
        account, _ = User.objects.get_or_create(username=name)
        account.groups.add(Group.objects.get(name=role))
        return User.objects.get(pk=account.pk)

    manager = user("bench-manager", GRANTS_MANAGER)
    clerks = [user(f"bench-clerk-{i}", FINANCE) for i in range(args.workers)]
    import datetime as dt

    stamp = time.time_ns()
    lines = []  # worker i charges lines[i % len(lines)]: awards alternate, then their lines
    per_award = []
    for a in range(args.awards):
        award = operations.create_award(
            actor=manager,
            federal_award_number=f"BENCH-{stamp}-{a}",
            administering_agency="Benchmark",
            federal_fiscal_year=2026,
            total_amount="900000000.00",
            period_start=dt.date(2025, 10, 1) - dt.timedelta(days=365 * a),
            period_end=dt.date(2027, 9, 30),
            reason="benchmark",
        )
        per_award.append(
            [
                operations.add_budget_line(
                    actor=manager,
                    award_id=award.pk,
                    category="other",
                    program="Benchmark",
                    description=f"Line {i}",
                    amount="100000000.00",
                    reason="benchmark",
                )
                for i in range(4)
            ]
        )
    lines = [award_lines[i] for i in range(4) for award_lines in per_award]
    connection.close()

    done = [0] * args.workers
    errors: list[str] = []
    stop = threading.Event()
    barrier = threading.Barrier(args.workers + 1)

    def worker(index: int) -> None:
        clerk = clerks[index]
        line = lines[index % len(lines)]
        barrier.wait()
        try:
            while not stop.is_set():
                draw = operations.request_draw(
                    actor=clerk,
                    line_id=line.pk,
                    amount=Decimal("12.34"),
                    incurred_on=dt.date(2026, 3, 1),
                    payee="Bench",
                    description="Benchmark draw",
                    submit=True,
                )
                operations.approve_draw(actor=manager, draw_id=draw.pk)
                operations.pay_draw(actor=clerk, draw_id=draw.pk)
                done[index] += 1
        except Exception as exc:  # report, do not hide
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.workers)]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    total = sum(done)
    print(
        f"workers: {args.workers}, awards: {args.awards}, seconds: {elapsed:.1f}, "
        f"database: {connection.vendor}"
    )
    print(f"draws recorded, approved and paid: {total}")
    print(f"sustained: {total / elapsed:.1f} draws/s ({3 * total / elapsed:.1f} transactions/s)")
    if errors:
        print(f"errors: {len(errors)}: {errors[:3]}")
    return {
        "workers": args.workers,
        "awards": args.awards,
        "seconds": elapsed,
        "draws": total,
        "draws_per_second": total / elapsed,
        "database": connection.vendor,
        "errors": errors[:3],
    }


if __name__ == "__main__":
    main()
