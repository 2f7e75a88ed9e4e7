"""Benchmark: the long listings with their cells written out (voca.columns.FastCells) and through
Wagtail's cell templates, in one process, requests interleaved so the load falls on both alike.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/voca_bench_backoffice \
        .venv/bin/python bench/cells.py [--repeat 15]

Uses bench/backoffice.py's fixture and users (run that first). Prints each page's median CPU
milliseconds of this process both ways; the staffing screen and the access log are the references.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "voca.settings.dev")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/voca_bench_backoffice")

from bench import export_fixture as exports
from bench.backoffice import CONTACTS_PAGE_200, DRAWS_PAGE_200, page_200

PAGES = [
    ("bench_supervisor", "/admin/services/staffing/"),
    ("bench_supervisor", "/admin/services/access-log/"),
    ("bench_advocate", "/admin/services/contacts/"),
    ("bench_advocate", CONTACTS_PAGE_200),
    ("bench_finance", "/admin/grants_draws/"),
    ("bench_finance", DRAWS_PAGE_200),
    ("bench_grants_manager", "/admin/grants_draws/"),
]


def main():
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 15
    exports.setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.admin.ui.tables import BaseColumn

    from voca.columns import FastCells

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    ways = {"written out": FastCells.render_cell_html, "templates": BaseColumn.render_cell_html}
    print(f"{'page':<60}" + "".join(f"{way:>14}" for way in ways) + "  (CPU ms, median)")
    for username, page in PAGES:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        url = page_200(client, page) if page in (CONTACTS_PAGE_200, DRAWS_PAGE_200) else page
        client.get(url)
        cpu = {way: [] for way in ways}
        for _ in range(repeat):
            for way, render in ways.items():
                FastCells.render_cell_html = render
                started = time.process_time()
                client.get(url)
                cpu[way].append(time.process_time() - started)
        FastCells.render_cell_html = ways["written out"]
        medians = "".join(f"{statistics.median(cpu[way]) * 1000:>14.1f}" for way in ways)
        print(f"{username.removeprefix('bench_') + ' ' + page:<60}{medians}")


if __name__ == "__main__":
    main()
