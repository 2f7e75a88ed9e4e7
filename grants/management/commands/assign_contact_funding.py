"""Link contacts that carry no funding award yet to their program award (grants.funding)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from grants.funding import fill_missing


class Command(BaseCommand):
    help = (
        "Give every VOCA or match contact without a funding award the open award that lapses "
        "first on its date (for contacts logged before contacts carried one). History is kept."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = fill_missing(reason="Program award for the contact's date (backfill)")
        if not counts:
            self.stdout.write("Every contact already carries its funding award.")
        for number, n in counts.items():
            self.stdout.write(f"{number}: {n} contact(s)")
