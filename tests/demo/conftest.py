"""The demo install, loaded once for every test in this package: each app's demo tests
(subawards, claims, funder reports, quarterly reports, monitoring) live here for that reason.

Loading the demo takes about 20 seconds, and each of these tests only reads it (or changes it
and is undone): the package opens one transaction, loads the demo into it, runs each test in a
savepoint inside it (pytest-django's ``db``, as Django's ``TestCase.setUpTestData`` does) and
rolls everything back at the end, so the tests elsewhere never see the demo. Tests that need
``transaction=True`` (a live server, a second connection) cannot share it and load their own.
"""

import os

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package", autouse=True)
def demo_install(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(db, demo_install):
    """The demo, as the root conftest's fixture gives it, without loading it again."""
