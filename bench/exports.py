"""Benchmark: compliance exports over 100,000 contacts and 20,000 draws with their history.

Three overlapping awards are in the database (BENCH-0001 with the 20,000 draws, BENCH-0002 and
BENCH-0003 with 2,000 each); each money report is for BENCH-0001, PMT for the whole period.

    .venv/bin/python bench/exports.py [--rebuild] [--contacts 100000] [--draws 20000] [--json f]
        [--only draws,audit] [--repeat 5]

``--contacts N`` builds N contacts and 2N/5 clients, ``--draws N`` N draws (bench/backoffice.py
takes the same options and shares the fixture).

Uses a scratch PostgreSQL database (DATABASE_URL, default voca_bench_exports on 127.0.0.1),
filled once with bulk inserts (history tables included: fine for a fixture, never in the app).
Each export runs in a forked child so its peak memory (ru_maxrss) is its own. The baseline is
openpyxl write-only writing the very same cells: each value and its number format, read back from
the export (untimed), a money or date cell written through one reused styled cell per format (the
cheapest way openpyxl writes a styled cell). Beside it, the same values with no format at all
("values only"), for comparison. Times are wall clock and CPU (the child's own process time, which
moves far less when other work shares the machine); the ratio that counts is CPU to same cells.
"""

import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.export_fixture import (  # noqa: E402  (sets DATABASE_URL and the settings first)
    CONTACTS,
    DRAWS,
    FY_START,
    REPORTED_AWARD,
    build_fixture,
    ensure_database,
    ensure_other_awards,
    fixture_built,
    setup_django,
)


def in_child(fn, *args):
    """Run fn in a forked process; return (its result, seconds, peak RSS in MB, CPU seconds)."""
    import multiprocessing

    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()

    def target():
        connections.close_all()
        started, cpu_started = time.perf_counter(), time.process_time()
        result = fn(*args)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child.send((result, seconds, peak, cpu))

    process = ctx.Process(target=target)
    process.start()
    result = parent.recv()
    process.join()
    return result


SHEETS = {"draws": "Draws", "audit": "Audit trail", "pmt": "Services"}
OUT = Path(tempfile.mkdtemp(prefix="voca-bench-")) / "export.xlsx"


def run_report(key, period_text):
    from grants.reports.period import Period
    from grants.reports.registry import REPORTS, award_for, context_for

    report = REPORTS[key]
    if period_text.startswith("FY") and "Q" in period_text:
        period = Period.from_quarter(period_text)
    else:
        period = Period.from_dates(FY_START, dt.date(2026, 9, 30))
    award = award_for(report, period, REPORTED_AWARD if report.per_award else None)
    ctx = context_for(report, run_by="bench", period=period, as_of=_now(), award=award)
    content = report.build("xlsx", ctx)
    OUT.write_bytes(content)
    return len(content)


def _now():
    from django.utils import timezone

    return timezone.now()


def sheet_cells(key):
    """The main data sheet's cells, read back from the export just written: (value, number
    format) per cell."""
    from openpyxl import load_workbook

    ws = load_workbook(OUT, read_only=True)[SHEETS[key]]
    return [[(c.value, c.number_format) for c in row] for row in ws.iter_rows()]


def raw_same_cells(key, formats=True):
    """openpyxl write-only writing the very same cells: each value, with its number format when
    ``formats`` (one reused styled cell per format), else the value alone. No escaping, no
    queries: the baseline."""
    import io

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    rows = sheet_cells(key)
    started, cpu_started = time.perf_counter(), time.process_time()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("raw")
    styled = {}
    for row in rows:
        out_row = []
        for value, number_format in row:
            if formats and value is not None and number_format != "General":
                cell = styled.get(number_format)
                if cell is None:
                    cell = styled[number_format] = WriteOnlyCell(ws)
                    cell.number_format = number_format
                cell.value = value
                value = cell
            out_row.append(value)
        ws.append(out_row)
    out = io.BytesIO()
    wb.save(out)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return seconds, cpu, len(rows), max(len(r) for r in rows)


def raw_openpyxl(rows, cols):
    """openpyxl write-only, plain append of rows x cols mixed values (text, numbers, dates)."""
    import io

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("raw")
    now = dt.datetime(2026, 9, 30, 12, 0)
    template = [("Some text", Decimal("1234.56"), now, 42)[c % 4] for c in range(cols)]
    for r in range(rows):
        ws.append([r, *template[1:]])
    out = io.BytesIO()
    wb.save(out)
    return len(out.getvalue())


# --only draws,audit: just those exports.
ONLY = set(sys.argv[sys.argv.index("--only") + 1].split(",")) if "--only" in sys.argv else set()
# --repeat N: each export and its baselines N times, interleaved (median; the CPU ratio is the
# median of each run's own ratio, ours against the same cells written just after it).
REPEAT = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1


def main():
    rebuild = "--rebuild" in sys.argv
    ensure_database()
    setup_django()
    if rebuild or not fixture_built():
        build_fixture(random.Random(2026))
        # Start afresh: forked children would otherwise count the fixture's memory as theirs.
        args = [a for a in sys.argv[1:] if a != "--rebuild"]
        os.execv(sys.executable, [sys.executable, str(Path(__file__).resolve()), *args])  # noqa: S606
    ensure_other_awards(random.Random(2027))
    from grants.models import Award

    awards = Award.objects.count()
    print(
        f"\nDatabase: {os.environ['DATABASE_URL'].rsplit('/', 1)[1]}; "
        f"{CONTACTS:,} contacts, {DRAWS:,} draws on {REPORTED_AWARD}; awards: {awards} "
        f"(money reports for {REPORTED_AWARD})\n"
    )
    print(
        f"{'export':<28}{'rows':>8}{'cols':>5}{'s':>7}{'cpu s':>7}{'MB':>5}"
        f"{'same s':>8}{'cpu':>6}{'ratio':>7}{'cpu':>6}{'values cpu':>11}{'ratio':>6}"
    )
    figures = []
    for key, period, label in (
        ("pmt", "FY2026Q4", "PMT workbook FY2026Q4"),
        ("pmt", "FY2026Q2", "PMT workbook FY2026Q2"),
        ("draws", "FY2026Q4", "Draw register, one quarter"),
        ("draws", "FY", "Draw register, whole FY2026"),
        ("audit", "FY2026Q4", "Audit trail, one quarter"),
        ("audit", "FY", "Audit trail, whole FY2026"),
    ):
        if ONLY and key not in ONLY:
            continue
        # Ours, the same cells and the values alone, interleaved REPEAT times; medians.
        ours, same, values = [], [], []
        for _ in range(REPEAT):
            ours.append(in_child(run_report, key, period))
            if key == "pmt":
                continue
            same.append(in_child(raw_same_cells, key)[0])
            values.append(in_child(raw_same_cells, key, False)[0])
        seconds, peak, cpu = (median(r[i] for r in ours) for i in (1, 2, 3))
        figure = {"export": label, "seconds": seconds, "cpu_seconds": cpu, "repeat": REPEAT}
        figure["peak_memory_mb"] = peak
        figures.append(figure)
        if key == "pmt":
            print(f"{label:<28}{'':>8}{'':>5}{seconds:>7.2f}{cpu:>7.2f}{peak:>5.0f}", flush=True)
            continue
        same_s, same_cpu = (median(r[i] for r in same) for i in (0, 1))
        values_cpu = median(r[1] for r in values)
        rows, cols = same[0][2], same[0][3]
        # The ratio of each run's pair, then their median: the pair shared the same load.
        cpu_ratio = median(o[3] / s[1] for o, s in zip(ours, same, strict=True))
        figure.update(rows=rows, cols=cols, raw_seconds=same_s, raw_cpu_seconds=same_cpu)
        figure["ratio_to_raw_openpyxl"] = seconds / same_s
        figure["cpu_ratio_to_raw_openpyxl"] = cpu_ratio
        figure["cpu_ratios"] = [round(o[3] / s[1], 3) for o, s in zip(ours, same, strict=True)]
        figure["cpu_ratio_to_values_only"] = cpu / values_cpu
        print(
            f"{label:<28}{rows:>8,}{cols:>5}{seconds:>7.2f}{cpu:>7.2f}{peak:>5.0f}"
            f"{same_s:>8.2f}{same_cpu:>6.2f}{seconds / same_s:>7.2f}{cpu_ratio:>6.2f}"
            f"{values_cpu:>11.2f}{cpu / values_cpu:>6.2f}",
            flush=True,
        )
        if REPEAT > 1:
            print(f"{'':<28}CPU ratio of each run: {figure['cpu_ratios']}", flush=True)
    _, raw_seconds, raw_peak, _ = in_child(raw_openpyxl, 100_000, 12)
    print(
        f"\nReference: raw openpyxl write-only 100,000 x 12 cells: {raw_seconds:.2f} s, "
        f"{raw_peak:.0f} MB peak"
    )
    if "--json" in sys.argv:
        # For bench/run_all.py's summary table.
        target = Path(sys.argv[sys.argv.index("--json") + 1])
        target.write_text(json.dumps({"exports": figures, "awards": awards}, indent=2))


if __name__ == "__main__":
    main()
