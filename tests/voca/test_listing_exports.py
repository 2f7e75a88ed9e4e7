"""Every Wagtail listing export (CSV and XLSX) keeps text a spreadsheet would evaluate as text."""

import io

import pytest
from openpyxl import load_workbook

from services.models import AccessLog, Client, Contact
from tests.factories import make_user
from tests.helpers import login
from voca import roles as R

FORMULAS = ("-1+2", "=SUM(A1)", "+1", "@cmd", "\tx", "\rx")


def _listing_exports():
    from django.urls import get_resolver
    from wagtail.admin.viewsets import viewsets

    assert get_resolver().url_patterns  # loading the admin URLconf registers every viewset
    found = []
    for viewset in viewsets.viewsets:
        index = getattr(viewset, "index_view", None)
        if not hasattr(index, "view_class"):
            continue
        view = index.view_class(**index.view_initkwargs)  # the view exactly as Wagtail serves it
        if getattr(view, "list_export", None):
            found.append((viewset, view, list(view.list_export)))
    return found


@pytest.mark.django_db
def test_every_viewset_with_a_list_export_escapes_formulas_in_csv_and_xlsx():
    exports = _listing_exports()
    models = {getattr(viewset, "model", None) for viewset, _, _ in exports}
    assert {Contact, Client, AccessLog} <= models, models
    for viewset, view, fields in exports:
        for field in fields:
            for fmt in ("csv", "xlsx"):
                for text in FORMULAS:
                    value = view.preprocess_field_value(field, text, fmt)
                    assert value == "'" + text, (viewset.name, field, fmt, text)
        assert view.preprocess_field_value(fields[0], "K7QMX3TA", "csv") == "K7QMX3TA"


@pytest.mark.django_db
def test_the_access_log_csv_and_xlsx_write_a_staff_name_like_minus_1_plus_2_as_text(client, roles):
    reader = make_user("-1+2", R.ADVOCATE)
    supervisor = make_user("boss", R.SUPERVISOR)
    from organizations.models import Organization

    AccessLog.objects.create(
        user=reader,
        organization=Organization.objects.the_unit(),
        action="view",
        record_type="services.Client",
        record_id="1",
    )
    login(client, supervisor)
    response = client.get("/admin/services/access-log/?export=csv")
    text = b"".join(response.streaming_content).decode()
    assert "'-1+2" in text
    assert ",-1+2," not in text
    response = client.get("/admin/services/access-log/?export=xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [v for r in book.active.iter_rows(values_only=True) for v in r]
    assert "'-1+2" in values and "-1+2" not in values


def test_the_shared_helper_escapes_every_formula_start_and_nothing_else():
    from voca.spreadsheet import escape_formula

    assert [escape_formula(t) for t in FORMULAS] == ["'" + t for t in FORMULAS]
    assert escape_formula("Acme Print") == "Acme Print" and escape_formula(5) == 5
