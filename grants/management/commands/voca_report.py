"""Generate one compliance report to a file, e.g. for scripted monthly runs.

manage.py voca_report pmt --quarter FY2026Q4 --format xlsx --output pmt.xlsx [--as-of ...]
manage.py voca_report sf425 --quarter FY2026Q4 --award 15POVC-25-GG-00417-ASSI --output ffr.pdf
"""

import getpass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from grants.exports.operations import generate
from grants.reports.period import parse_as_of, parse_period
from grants.reports.registry import REPORTS


class Command(BaseCommand):
    help = (
        "Generate a compliance report: PMT, SF-425, budget vs actual, reimbursement claim, "
        "paid draws not yet claimed, draw register or audit trail."
    )

    def add_arguments(self, parser):
        parser.add_argument("report", choices=sorted(REPORTS))
        parser.add_argument("--quarter", help="Federal fiscal-year quarter, e.g. FY2026Q4")
        parser.add_argument("--start", help="First day of a date range (YYYY-MM-DD)")
        parser.add_argument("--end", help="Last day of a date range (YYYY-MM-DD)")
        parser.add_argument(
            "--as-of", dest="as_of", help="Data as recorded at this date or date-time"
        )
        parser.add_argument("--format", default="xlsx", choices=["xlsx", "pdf"])
        parser.add_argument("--output", required=True, help="File to write")
        parser.add_argument(
            "--award",
            help="Federal award number; needed for money reports when several awards overlap "
            "the period; for the PMT, only that award's contacts (it must be open in the period)",
        )
        parser.add_argument(
            "--user",
            help="Generate as this staff user (their permissions apply); default: the operator's "
            "login name is logged as 'command line (name)'",
        )

    def handle(self, *args, **options):
        try:
            period = parse_period(options["quarter"], options["start"], options["end"])
            as_of = parse_as_of(options["as_of"]) if options["as_of"] else None
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"No active user named {options['user']!r}.")
        output = Path(options["output"])
        if not output.parent.exists():
            raise CommandError(f"The folder {output.parent} does not exist.")
        try:
            result = generate(
                options["report"],
                options["format"],
                actor=user,
                period=period,
                as_of=as_of,
                award_number=options["award"],
                channel="command",
                run_by=f"command line ({getpass.getuser()})",
            )
        except (ValueError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from None
        output.write_bytes(result.content)
        self.stdout.write(
            f"Wrote {output} ({len(result.content):,} bytes, SHA-256 {result.log.sha256}); "
            f"export log entry #{result.log.pk}."
        )
