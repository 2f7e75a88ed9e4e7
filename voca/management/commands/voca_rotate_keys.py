"""Re-encrypt every confidential value with the newest key in VOCA_FIELD_KEYS, in batches."""

import logging

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection

from voca import crypto

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Rewrite every encrypted field (and lookup digest) under the newest key in "
        "VOCA_FIELD_KEYS, batch by batch. Values already under the newest key are skipped, so "
        "an interrupted run is simply run again. Afterwards the older keys can be removed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        unreadable = 0
        for model in apps.get_models():
            if not crypto.encrypted_columns(model)[0]:
                continue
            counts = {"rotated": 0, "current": 0, "unreadable": 0}
            rows = 0
            for changed in crypto.rewrite_rows(
                connection, model, crypto.rotating(model, counts), batch_size=batch_size
            ):
                rows += changed
            unreadable += counts["unreadable"]
            # Counts only: never a value, a code or an id.
            line = (
                f"{model._meta.label}: {counts['rotated']} value(s) re-encrypted in {rows} "
                f"row(s), {counts['current']} already under the newest key, "
                f"{counts['unreadable']} under no key held"
            )
            logger.info("voca_rotate_keys %s", line)
            self.stdout.write(line)
        if unreadable:
            self.stderr.write(
                f"{unreadable} value(s) were written with a key no longer in VOCA_FIELD_KEYS and "
                "were left as they are; put that key back (anywhere after the first) and run "
                "this again before removing any key."
            )
