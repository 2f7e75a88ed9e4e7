import json

from django.core.management.base import BaseCommand

from voca.backup import database_manifest


class Command(BaseCommand):
    help = "Print row counts and every award's balances as JSON (used to check restores)."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(database_manifest(), indent=2, sort_keys=True))
