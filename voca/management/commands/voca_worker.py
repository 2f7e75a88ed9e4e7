"""The report worker as production runs it: django-tasks-db's ``db_worker``, carried over a lost
database connection.

django-tasks-db 0.12's worker loop lets any OperationalError other than SQLite's "database is
locked" end the process, so a database restart (a failover, a minor-version upgrade) stops report
builds until someone restarts the worker. This command runs the same worker and, when the
database goes away, logs one warning (no query, no values), waits 1, 2, 4 ... up to 30 seconds
and starts the loop again; queued tasks are still in the database and are picked up then.

It serves every queue by default: reports (highest priority, so a requested report is built
before Wagtail's queued index tasks) and the default queue; ``--queue-name reports`` runs a worker
for reports alone.

A task that was *running* when the connection broke cannot record its outcome and stays marked
running (django-tasks-db has no lease); its requester asks for the report again.
"""

import logging
import time

from django.db import connections
from django.db.utils import InterfaceError, OperationalError
from django_tasks_db.management.commands import db_worker

logger = logging.getLogger("voca.worker")

FIRST_WAIT_SECONDS = 1.0
LONGEST_WAIT_SECONDS = 30.0


class Command(db_worker.Command):
    help = "Run the report worker (django-tasks-db), retrying while the database is down"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="reports,default")

    def handle(self, *args, **options):
        wait = FIRST_WAIT_SECONDS
        while True:
            started = time.monotonic()
            try:
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError) as error:
                if time.monotonic() - started > LONGEST_WAIT_SECONDS:
                    wait = FIRST_WAIT_SECONDS  # it had been running well: a new outage
                logger.warning(
                    "Report worker lost the database (%s); trying again in %.0f s",
                    type(error).__name__,
                    wait,
                )
                connections.close_all()  # the next query opens a new one
                time.sleep(wait)
                wait = min(wait * 2, LONGEST_WAIT_SECONDS)
