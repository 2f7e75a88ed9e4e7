"""How long does logging a contact take? Prints keystrokes, decisions and seconds.

Run against a dev server with the demo loaded (nothing here is a pass/fail test):

    .venv/bin/python manage.py load_demo
    .venv/bin/python manage.py runserver 127.0.0.1:8301 &
    .venv/bin/python bench/fast_entry.py --url http://127.0.0.1:8301 --runs 5

"Seconds (model)" is the keystroke-level model: 0.28 s per key press (average skilled typist)
plus 1.35 s of mental preparation before each choice. "Seconds (machine)" is the automated run:
the lower bound set by the server and browser, without a human.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voca.settings.dev")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:8301")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--user", default="socialworker")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    figures = run(args.url, args.runs, args.user)
    if args.json:
        import json

        Path(args.json).write_text(json.dumps(figures, indent=1))


def run(url: str, runs: int = 3, user: str = "socialworker") -> dict:
    """Keystrokes, choices and seconds per flow; prints and returns them."""
    args = argparse.Namespace(url=url, runs=runs, user=user)
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from bench.fast_entry_flow import (
        CHROMIUM,
        LAUNCH_ARGS,
        klm_seconds,
        log_new_client,
        log_returning_client,
        sign_in,
    )
    from services.models import Client
    from voca.demo import DEMO_PASSWORD

    code = Client.objects.filter(contacts__staff__username=args.user).values_list(
        "code", flat=True
    )[0]
    results = {"returning client": [], "new client": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 360, "height": 780})
        sign_in(page, args.url, args.user, DEMO_PASSWORD)
        for _ in range(args.runs):
            results["returning client"].append(log_returning_client(page, args.url, code))
            results["new client"].append(log_new_client(page, args.url))
        browser.close()

    print(f"Fast entry at 360 px, keyboard only, {args.runs} run(s) each, user {args.user}")
    print(f"{'flow':<18}{'keys':>6}{'choices':>9}{'s (model)':>11}{'s (machine)':>13}")
    figures = {}
    for flow, measured in results.items():
        keys = measured[0][0]
        machine = statistics.median(seconds for _, seconds in measured)
        print(
            f"{flow:<18}{keys.presses:>6}{keys.decisions:>9}{klm_seconds(keys):>11.1f}"
            f"{machine:>13.2f}"
        )
        figures[flow] = {
            "keys": keys.presses,
            "choices": keys.decisions,
            "model_seconds": klm_seconds(keys),
            "machine_seconds": machine,
        }
    print("Target: under 30 s for a trained user.")
    return figures


if __name__ == "__main__":
    main()
