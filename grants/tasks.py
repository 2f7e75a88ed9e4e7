"""Background work for the grants app: building requested report files (django-tasks).

Run the worker with ``manage.py voca_worker`` (db_worker, retrying after a lost database
connection); tests use the immediate backend. The work itself is in ``grants.reports.operations``.
"""

import datetime as dt

from django_tasks import task

from .reports import operations


@task()
def build_export(export_id: int) -> str:
    return operations.build_export(export_id)


def remove_expired_exports(now: dt.datetime | None = None) -> int:
    """Delete generated files past their expiry (the ``expire_exports`` command); the log stays."""
    return operations.expire_exports(now)
