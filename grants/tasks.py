"""Alias kept for export builds queued before the exports moved to ``grants.exports``.

django-tasks-db stores each queued task's import path; rows written before the upgrade name
``grants.tasks.build_export`` and the worker imports that path to run them. New rows name
``grants.exports.tasks.build_export``. Nothing in the code imports this module.
"""

from .exports.tasks import build_export

__all__ = ["build_export"]
