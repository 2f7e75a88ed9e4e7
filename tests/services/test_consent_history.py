"""The consent scope is identifying text: kept out of history so retention erases it for good."""

import datetime

import pytest
from django.db import connection

from services import operations
from services.models import Client
from tests.factories import make_client, make_contact
from voca.clock import local_today

pytestmark = pytest.mark.django_db

SCOPE = "CANARY-SCOPE-4417 call her sister"


def _history_columns():
    with connection.cursor() as cursor:
        table = Client.history.model._meta.db_table
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def _history_text():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {Client.history.model._meta.db_table}")  # noqa: S608
        return repr(cursor.fetchall())


def test_a_history_row_holds_no_consent_scope(people):
    client = make_client(people["owner"], consent_given_on=local_today(), consent_scope=SCOPE)
    assert client.history.count() == 1
    assert "consent_scope" not in _history_columns()
    assert SCOPE not in _history_text()


def test_retention_leaves_no_consent_scope_anywhere(people):
    owner = people["owner"]
    old_day = local_today() - datetime.timedelta(days=365 * 4)
    stale = make_client(owner, first_name="Ann", consent_given_on=old_day, consent_scope=SCOPE)
    make_contact(owner, client=stale, date=old_day)
    assert operations.strip_identifiers(years=3).clients == 1
    stale.refresh_from_db()
    assert stale.consent_scope == ""
    # The ciphertext itself is gone (NULL), with the name, the phone and its digest.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT consent_scope, first_name, phone, phone_digest FROM services_client "
            "WHERE id = %s",
            [stale.pk],
        )
        assert cursor.fetchone() == (None, None, None, "")
    assert SCOPE not in _history_text()
