"""Why an export failed, as its requester reads it on the Reports page: never cut silently."""

import pytest
from django.urls import reverse

from grants.exports.operations import fail_export
from tests.factories import make_generated_export, make_user
from tests.helpers import login
from voca.roles import FINANCE

pytestmark = pytest.mark.django_db


def test_a_failure_longer_than_its_field_shows_that_it_was_cut_and_how_long_it_was(client, roles):
    finance = make_user("fran", FINANCE)
    export = make_generated_export(finance, status="running")
    error = "No award covers the period asked for: " + "FY2026Q4 has no data. " * 20
    fail_export(export, error)
    login(client, finance)
    page = client.get(reverse("grants_reports")).content.decode()
    assert f"(truncated, {len(error)} characters)" in page
    assert "Failed: No award covers the period asked for: FY2026Q4 has no data." in page
