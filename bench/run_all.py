"""Every benchmark, one after the other, then one table of the figures that matter.

    .venv/bin/python bench/run_all.py [--quick]      (what `make bench` runs)

Each script runs in its own process (each sets up Django its own way) with ``--json`` and hands
back its figures: public_pages (SQLite, gunicorn), ledger_draws (PostgreSQL), load (PostgreSQL,
50 users for 60 s), fast_entry (Chromium against the load database, when /usr/bin/chromium is
there), exports (when bench/exports.py exists), backoffice (each role's admin pages) and
encryption (fast-entry save, contacts listing and a client record with and without encryption). The
PostgreSQL database is a scratch one, dropped and recreated: VOCA_BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/voca_load. --quick shortens every run (for a smoke test).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/voca_load"
CHROMIUM = Path("/usr/bin/chromium")


def run_script(name: str, args: list[str], env: dict, workdir: Path) -> dict | None:
    """Run bench/<name>.py with --json; its figures, or None when it failed."""
    out = workdir / f"{name}.json"
    print(f"\n=== {name} {' '.join(args)}", flush=True)
    started = time.perf_counter()
    done = subprocess.run(
        [PYTHON, str(ROOT / "bench" / f"{name}.py"), *args, "--json", str(out)],
        env=env,
        cwd=ROOT,
        check=False,
    )
    print(f"=== {name}: exit {done.returncode} after {time.perf_counter() - started:.0f} s")
    if not out.exists():
        return None
    figures = json.loads(out.read_text())
    figures["_exit"] = done.returncode
    return figures


def serve_dev(url: str, port: int) -> subprocess.Popen:
    """The dev server (it serves the admin's static files) on the load test's database."""
    import http.client

    server = subprocess.Popen(
        [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "voca.settings.dev"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(150):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/admin/login/")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the dev server did not start")


def table(results: dict) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    public = results.get("public_pages")
    if public:
        rates = {name: (value, ratio) for name, value, ratio in public["rates"]}
        floor = rates["minimal 'ok' view (cached server)"][0]
        rows.append(("Minimal 'ok' view (same server)", f"{floor:.0f} req/s"))
        for page in ("home", "index", "service day"):
            value, ratio = rates[f"{page} (cached)"]
            rows.append((f"Public {page}, cached", f"{value:.0f} req/s ({ratio:.0%} of minimal)"))
        value, ratio = rates["index (uncached)"]
        rows.append(
            (
                f"Public index, uncached, {public['days']} days",
                f"{value:.0f} req/s ({ratio:.0%} of minimal)",
            )
        )
        for page, q in public["queries"].items():
            rows.append(
                (f"SQL queries: {page}", f"{q['uncached']} uncached, {q['cached']} from cache")
            )
    else:
        rows.append(("Public pages", "FAILED (see output)"))
    load = results.get("load")
    if load:
        stats = {row["name"]: row for row in load["stats"]}
        save = stats.get("contact: save")
        if save:
            rows.append(
                (
                    f"Contact save under load ({load['users']} users)",
                    f"p50 {save['p50']:.0f} ms, p95 {save['p95']:.0f} ms, p99 {save['p99']:.0f} ms",
                )
            )
        total = stats["all requests"]
        rows.append(
            (
                "All requests under load",
                f"{total['rps']:.1f} req/s, p50 {total['p50']:.0f} ms, p95 {total['p95']:.0f} ms",
            )
        )
        problems = load["checks"]["problems"]
        rows.append(
            (
                "Load: 5xx / lost or half-written",
                f"{sum(load['status_5xx'].values())} / "
                + ("none" if not problems else f"{len(problems)} PROBLEMS"),
            )
        )
    else:
        rows.append(("Load", "FAILED (see output)"))
    draws = results.get("ledger_draws")
    rows.append(
        (
            "Draws on PostgreSQL (recorded+approved+paid)",
            f"{draws['draws_per_second']:.1f} draws/s with {draws['workers']} workers"
            if draws
            else "FAILED (see output)",
        )
    )
    fast = results.get("fast_entry")
    if fast:
        for flow, f in fast.items():
            if flow.startswith("_"):
                continue
            rows.append(
                (
                    f"Fast entry, {flow}",
                    f"{f['keys']} keys, {f['model_seconds']:.0f} s typed (model), "
                    f"{f['machine_seconds']:.1f} s machine",
                )
            )
    elif "fast_entry" in results:
        rows.append(("Fast entry", "skipped (no /usr/bin/chromium) or failed"))
    if "exports" in results:
        exports = (results["exports"] or {}).get("exports")
        for figure in exports or ():
            ratio = figure.get("ratio_to_raw_openpyxl")
            rows.append(
                (
                    figure["export"],
                    f"{figure['seconds']:.1f} s, peak {figure['peak_memory_mb']:.0f} MB"
                    + (f", {ratio:.2f}x raw openpyxl" if ratio else ""),
                )
            )
        if not exports:
            rows.append(("Exports", "FAILED or no --json figures (see output)"))
    else:
        rows.append(("Exports", "bench/exports.py not present"))
    office = results.get("backoffice")
    if office:
        pages = office["pages"]
        worst = max(pages, key=lambda page: page["ratio"])
        over = [page for page in pages if page["ratio"] > 2.5]
        rows.append(("Back office: lightest admin page", f"{office['lightest_ms']:.0f} ms"))
        rows.append(
            (
                "Back office: slowest page (of each role's)",
                f"{worst['role']} {worst['page']}: {worst['ms']:.0f} ms, {worst['ratio']:.1f}x; "
                f"{len(over)} of {len(pages)} pages over 2.5x",
            )
        )
    else:
        rows.append(("Back office pages", "FAILED (see output)"))
    crypto = results.get("encryption")
    if crypto:
        for name, row in crypto["pages"].items():
            rows.append(
                (
                    f"Encryption: {name}",
                    f"{row['with_ms']:.0f} ms with, {row['without_ms']:.0f} ms without "
                    f"({row['ratio']:.2f}x; target under 1.10x), "
                    f"{row.get('inside_crypto_pct', 0):.1f} % of it inside encrypt/decrypt",
                )
            )
    else:
        rows.append(("Encryption cost", "FAILED (see output)"))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs, for a smoke test")
    options = parser.parse_args()
    url = os.environ.get("VOCA_BENCH_DATABASE_URL", DEFAULT_URL)
    workdir = Path(tempfile.mkdtemp(prefix="voca-bench-all-"))
    base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    pg_env = {**base_env, "DATABASE_URL": url, "VOCA_LOAD_DATABASE_URL": url}
    quick = options.quick
    results: dict = {}
    started = time.perf_counter()

    results["public_pages"] = run_script(
        "public_pages", ["--seconds", "2" if quick else "5"], base_env, workdir
    )
    results["ledger_draws"] = run_script(
        "ledger_draws", ["--seconds", "5" if quick else "20"], pg_env, workdir
    )
    if (ROOT / "bench" / "exports.py").exists():
        results["exports"] = run_script("exports", [], pg_env, workdir)
    # After exports: the same 100,000-contact fixture, reused when it is already there.
    results["backoffice"] = run_script(
        "backoffice", ["--repeat", "3" if quick else "7"], pg_env, workdir
    )
    results["encryption"] = run_script(
        "encryption", ["--repeat", "10" if quick else "30"], base_env, workdir
    )
    results["load"] = run_script(
        "load",
        ["--users", "20" if quick else "50", "--seconds", "20" if quick else "60"],
        base_env | {"VOCA_LOAD_DATABASE_URL": url},
        workdir,
    )
    results["fast_entry"] = None
    if CHROMIUM.exists() and results["load"]:
        port = 8604
        server = serve_dev(url, port)
        try:
            results["fast_entry"] = run_script(
                "fast_entry",
                ["--url", f"http://127.0.0.1:{port}", "--runs", "1" if quick else "3"],
                pg_env,
                workdir,
            )
        finally:
            server.terminate()
            server.wait(timeout=30)

    rows = table(results)
    width = max(len(name) for name, _ in rows)
    print(
        f"\nSummary ({time.perf_counter() - started:.0f} s; {os.cpu_count()} CPUs, 127.0.0.1; "
        "figures from a shared machine are pessimistic)"
    )
    print(f"{'measure':<{width}}  figure")
    print(f"{'-' * width}  {'-' * 40}")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    failed = [name for name, figures in results.items() if figures and figures.get("_exit")]
    if failed:
        print(f"\nnon-zero exit: {', '.join(failed)}")
    sys.exit(1 if failed or results["load"] is None else 0)


if __name__ == "__main__":
    main()
