"""Background work for the exports: building requested report files (django-tasks).

Run the worker with ``manage.py voca_worker`` (db_worker, retrying after a lost database
connection); tests use the immediate backend. The work itself is in ``grants.exports.operations``,
which never imports this module: the view hands ``build_export.enqueue`` to ``request_export``.
"""

import datetime as dt

from django_tasks import task

from . import operations

# Reports have a queue of their own and the highest priority: a requested report is built before
# any of Wagtail's reference-index tasks waiting in the default queue (after a content import,
# hundreds of them), by the one worker that serves both (voca_worker) or by a worker of its own.
REPORTS_QUEUE = "reports"
REPORTS_PRIORITY = 100


@task(queue_name=REPORTS_QUEUE, priority=REPORTS_PRIORITY)
def build_export(export_id: int) -> str:
    return operations.build_export(export_id)


def remove_expired_exports(now: dt.datetime | None = None) -> int:
    """Delete generated files past their expiry (the ``expire_exports`` command); the log stays."""
    return operations.expire_exports(now)
