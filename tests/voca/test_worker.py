"""The report worker keeps going when the database goes away (manage.py voca_worker)."""

import logging

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings
from django_tasks import task
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from grants.exports.tasks import build_export
from voca.management.commands import voca_worker

# The worker needs the database backend it serves in production (tests run tasks immediately).
pytestmark = pytest.mark.usefixtures("database_tasks")


@pytest.fixture
def database_tasks():
    backend = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "reports"]}
    with override_settings(TASKS={"default": backend}):
        yield


@pytest.fixture
def waits(monkeypatch):
    slept: list[float] = []
    monkeypatch.setattr(voca_worker.time, "sleep", slept.append)
    return slept


def test_worker_waits_longer_each_time_and_carries_on_after_the_database_returns(
    monkeypatch, waits, caplog
):
    outcomes = [OperationalError("server closed the connection")] * 3 + [None]
    runs = []

    def run(worker):
        runs.append(worker.queue_names)
        outcome = outcomes[len(runs) - 1]
        if outcome is not None:
            raise outcome

    monkeypatch.setattr(db_worker.Worker, "run", run)
    with caplog.at_level(logging.WARNING, logger="voca.worker"):
        call_command("voca_worker", "--no-startup-delay", "--no-reload")

    assert len(runs) == 4  # three lost connections, then the loop ran to its end
    assert waits == [1.0, 2.0, 4.0]
    assert [r.getMessage() for r in caplog.records] == [
        f"Report worker lost the database (OperationalError); trying again in {w:.0f} s"
        for w in (1, 2, 4)
    ]
    assert "server closed" not in caplog.text  # the error's own text is not logged


def test_worker_does_not_hide_errors_that_are_not_the_database(monkeypatch, waits):
    def run(worker):
        raise ValueError("a bug")

    monkeypatch.setattr(db_worker.Worker, "run", run)
    with pytest.raises(ValueError, match="a bug"):
        call_command("voca_worker", "--no-startup-delay", "--no-reload")
    assert waits == []


@task()
def index_something(page_id: int) -> None:
    """Stands in for Wagtail's reference-index tasks, which go to the default queue."""


@pytest.mark.django_db
def test_a_requested_report_is_built_before_hundreds_of_queued_index_tasks(monkeypatch, waits):
    for page_id in range(300):
        index_something.enqueue(page_id)
    report = build_export.enqueue(12345)

    # The worker as `make run` and production start it serves the report queue and the default
    # queue, and takes the report first.
    served = []
    monkeypatch.setattr(db_worker.Worker, "run", lambda worker: served.append(worker.queue_names))
    call_command("voca_worker", "--no-startup-delay", "--no-reload")
    assert set(served[0]) == {"reports", "default"}
    first = DBTaskResult.objects.ready().filter(queue_name__in=served[0]).get_locked()
    assert str(first.id) == str(report.id)
    assert first.queue_name == "reports"
