"""Retention: erase names, phones, referrals and notes of clients not seen for N years."""

from django.core.management.base import BaseCommand, CommandError

from services import operations


class Command(BaseCommand):
    help = (
        "Strip names, phones, referrals and notes from clients with no contact for --years "
        "years; contacts, services and demographics stay, so every count is unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, required=True)
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would be stripped; change nothing."
        )

    def handle(self, *args, years, dry_run, **options):
        if years < 1:
            raise CommandError("--years must be at least 1.")
        result = operations.strip_identifiers(years=years, dry_run=dry_run)
        self.stdout.write(result.summary())
