"""What encrypting the confidential fields costs: fast-entry saves and the contacts listing, with
encryption and without, alternating in one run. Prints median ms and the ratio; a figure, not a
pass/fail test (target: the cost stays under 10 % of the page time).

    .venv/bin/python bench/encryption.py [--contacts 2000] [--repeat 30] [--json out.json]

"Without" swaps voca.crypto.keys' encrypt/decrypt for the identity (the columns are text, so the
same rows and pages work), so the only difference between the two is the cryptography. The
"with" rounds also time the calls themselves and print their share of those requests, which holds
steady where two medians on a busy machine do not. The
scratch database is a SQLite file in a temporary folder (VOCA_BENCH_DATABASE_URL may name a
PostgreSQL database instead, which is then flushed: never a real one).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--json")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="voca-bench-crypto-"))
    os.environ["DATABASE_URL"] = os.environ.get(
        "VOCA_BENCH_CRYPTO_DATABASE_URL", f"sqlite:///{scratch / 'bench.sqlite3'}"
    )
    os.environ["DJANGO_SETTINGS_MODULE"] = "voca.settings.dev"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    figures = measure(args.contacts, args.repeat)
    for name, row in figures["pages"].items():
        print(
            f"{name:<24} with {row['with_ms']:7.2f} ms   without {row['without_ms']:7.2f} ms   "
            f"ratio {row['ratio']:.3f} ({row['cost_pct']:+.1f} % of the page; "
            f"{row['inside_crypto_pct']:.1f} % inside encrypt/decrypt)"
        )
    print(f"one encrypt + decrypt of a 300-character note: {figures['roundtrip_us']:.1f} µs")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))


def measure(n_contacts: int, repeat: int) -> dict:
    from unittest import mock

    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    from services import operations
    from services.models import SubService
    from voca.clock import local_today
    from voca.crypto import keys as crypto  # the field types encrypt and decrypt through it
    from voca.roles import ADVOCATE, sync_roles

    sync_roles()
    staff = get_user_model().objects.create_user("bench-advocate")
    staff.groups.add(Group.objects.get(name=ADVOCATE))
    today = local_today()
    note = "Client asked about the compensation form; call back after the hearing. " * 4
    for n in range(n_contacts):
        client = None
        if n % 3 == 0:
            client = operations.create_client(
                actor=staff,
                first_name="AB",
                phone="314-555-0100",
                consent_given_on=today,
                consent_scope="call-backs",
            )
        operations.log_contact(
            actor=staff,
            date=today,
            services={"A1": 1},
            client=client,
            notes=note,
            referrals="legal aid",
        )
    browser = Client(HTTP_HOST="127.0.0.1")
    browser.force_login(staff)
    a1 = SubService.objects.current().get(code="A1").pk
    entry = {
        "date": today.isoformat(),
        "client_kind": "new",
        "mode": "in_person",
        "common_services": [a1],
        "minutes": "15",
        "funding_source": "voca",
        "id-first_name": "CD",
        "id-phone": "314-555-0101",
        "id-consent_given_on": today.isoformat(),
        "id-consent_scope": "call-backs",
        "referrals": "shelter",
        "notes": note,
    }

    def expect(response, status):
        if response.status_code != status:
            raise SystemExit(f"expected {status}, got {response.status_code}")

    def save():
        expect(browser.post("/admin/services/log/", entry), 302)

    def listing():
        expect(browser.get("/admin/services/contacts/"), 200)

    def inspect():
        expect(browser.get(f"/admin/services/clients/inspect/{last_client}/"), 200)

    from services.models import Client as ClientRecord

    last_client = ClientRecord.objects.order_by("-pk").values_list("pk", flat=True)[0]
    plain = {"encrypt": lambda text: text, "decrypt": lambda token: token}
    # "With" rounds also time what is spent inside encrypt/decrypt: the cost as a share of the
    # same requests, which a busy shared machine cannot blur as it blurs two medians.
    inside = {"s": 0.0}

    def timed(fn):
        def wrapper(value):
            started = time.perf_counter()
            try:
                return fn(value)
            finally:
                inside["s"] += time.perf_counter() - started

        return wrapper

    real = {"encrypt": crypto.encrypt, "decrypt": crypto.decrypt}
    pages = {"fast-entry save": save, "contacts listing": listing, "client record": inspect}
    timings = {name: {"with": [], "without": []} for name in pages}
    shares = {name: [] for name in pages}
    for fn in pages.values():  # warm caches and templates
        fn()
    for round_ in range(repeat * 2):
        # Alternate which goes first, so drift on a shared machine falls on both.
        for mode in ("with", "without") if round_ % 2 == 0 else ("without", "with"):
            swap = {n: timed(f) for n, f in real.items()} if mode == "with" else plain
            patches = [mock.patch.object(crypto, name, fn) for name, fn in swap.items()]
            for patch in patches:
                patch.start()
            try:
                # Without: rows written with encryption read back as their ciphertext (same work).
                for name, fn in pages.items():
                    inside["s"] = 0.0
                    started = time.perf_counter()
                    fn()
                    took = time.perf_counter() - started
                    timings[name][mode].append(took * 1000)
                    if mode == "with":
                        shares[name].append(inside["s"] / took * 100)
            finally:
                for patch in patches:
                    patch.stop()
    started = time.perf_counter()
    for _ in range(1000):
        crypto.decrypt(crypto.encrypt(note[:300]))
    roundtrip_us = (time.perf_counter() - started) * 1000
    result = {"pages": {}, "roundtrip_us": roundtrip_us, "contacts": n_contacts}
    for name, both in timings.items():
        with_ms, without_ms = statistics.median(both["with"]), statistics.median(both["without"])
        result["pages"][name] = {
            "with_ms": with_ms,
            "without_ms": without_ms,
            "ratio": with_ms / without_ms,
            "cost_pct": (with_ms - without_ms) / without_ms * 100,
            "inside_crypto_pct": statistics.median(shares[name]),
        }
    return result


if __name__ == "__main__":
    main()
