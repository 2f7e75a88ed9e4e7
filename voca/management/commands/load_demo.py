"""Demo content for trying the system out: roles, one user per role, and each app's demo data."""

import importlib
import importlib.util

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from voca.demo import DEMO_USERS, demo_logins_text, ensure_demo_users
from voca.roles import sync_roles

# Apps load their demo data (their ``demo.load(stdout)``) in dependency order.
DEMO_APPS = (
    "cms",
    "organizations",
    "events",
    "services",
    "grants",
    "subawards",
    "performance",
    "monitoring",
)


class Command(BaseCommand):
    help = "Load demo content (idempotent). Refuses to run with production settings."

    def add_arguments(self, parser):
        parser.add_argument(
            "--address",
            default="http://127.0.0.1:8000",
            help="Where the server will answer, for the printed log-ins (make run passes it).",
        )

    def handle(self, *args, **options):
        if getattr(settings, "VOCA_ENVIRONMENT", "production") == "production":
            raise CommandError(
                "load_demo refuses to run with production settings: "
                "demo users share a published password."
            )
        with transaction.atomic():
            sync_roles()
            created = ensure_demo_users()
            self.stdout.write(
                f"Demo users: {created} created, {len(DEMO_USERS) - created} already there"
            )
            for app in DEMO_APPS:
                if importlib.util.find_spec(f"{app}.demo"):
                    importlib.import_module(f"{app}.demo").load(self.stdout)
            # Then what spans the apps' content (the public site's translations).
            for app in DEMO_APPS:
                if importlib.util.find_spec(f"{app}.demo"):
                    finish = getattr(importlib.import_module(f"{app}.demo"), "finish", None)
                    if finish is not None:
                        finish(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        self.stdout.write(demo_logins_text(options["address"]))
