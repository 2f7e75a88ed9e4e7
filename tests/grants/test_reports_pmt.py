"""PMT quarterly report: counting rules, demographics that sum, as-of, nothing identifying."""

import pytest
from django.utils import timezone

from grants.exports.operations import generate
from grants.reports.period import Period
from tests.factories import make_user
from tests.support.reports_data import CANARY_NAME, CANARY_NOTE, contacts, pdf_text, row, sheet
from voca.roles import ADVOCATE, SUPERVISOR

pytestmark = pytest.mark.django_db

Q4 = Period.from_quarter("FY2026Q4")


@pytest.fixture
def field(roles):
    return make_user("ada", ADVOCATE), make_user("sam", SUPERVISOR)


@pytest.fixture
def served(field):
    return contacts(*field)


def pmt(user, fmt="xlsx", **kw):
    return generate("pmt", fmt, actor=user, period=Q4, **kw).content


def test_quarter_counts_individuals_new_once_per_fiscal_year(field, served):
    book = pmt(field[1])
    summary = sheet(book, "Summary")
    assert row(summary, "Individuals served this period")[1] == 3
    assert row(summary, "New individuals (first served this federal fiscal year)")[1] == 2
    assert row(summary, "Continuing individuals (served earlier this fiscal year)")[1] == 1
    assert row(summary, "Anonymous contacts (served without identifying as a client)")[1] == 2
    assert row(summary, "Contacts this period (voided contacts excluded)")[1] == 5
    assert row(summary, "Individuals assisted with a crime-victim compensation application")[1] == 1
    assert row(summary, "Contacts with compensation-application help")[1] == 2
    assert row(summary, "Individuals with multiple victimizations")[1] == 1


def test_demographics_cover_new_individuals_and_each_table_sums_to_them(field, served):
    rows = sheet(pmt(field[1]), "Demographics (new)")
    counts = {(r[0], r[1]): r[2] for r in rows[2:]}
    assert counts[("Race/ethnicity", "White Non-Latino or Caucasian")] == 1
    assert counts[("Race/ethnicity", "Not Reported")] == 1
    # Client A is continuing: her race is not counted this quarter.
    assert counts[("Race/ethnicity", "Black or African American")] == 0
    assert counts[("Gender identity", "Male")] == 1
    assert counts[("Age", "18\u201324")] == 1
    for table in ("Race/ethnicity", "Gender identity", "Age"):
        assert sum(n for (t, _), n in counts.items() if t == table) == 2
    checks = sheet(pmt(field[1]), "Checks")
    assert [c[3] for c in checks[1:]] == ["PASS"] * (len(checks) - 1)


def test_services_count_individuals_and_times_and_leave_out_voided_contacts(field, served):
    rows = {r[1]: r for r in sheet(pmt(field[1]), "Services")[1:] if r[1]}
    assert rows["C1"][3:5] == (2, 3)  # A twice, B once
    assert rows["A1"][3:5] == (2, 4)
    assert rows["E1"][3:5] == (1, 1)
    assert rows["C2"][3:5] == (0, 2)  # anonymous contacts: times only
    assert rows["B9"][3:5] == (0, 0)  # both B9 contacts were voided
    assert rows["C"][3:5] == (2, 5)
    victimizations = dict(sheet(pmt(field[1]), "Victimizations")[1:])
    assert victimizations["Robbery"] == 1
    assert victimizations["Domestic and/or Family Violence"] == 1
    assert dict(sheet(pmt(field[1]), "Special classifications")[1:])["Homeless"] == 1


def test_same_as_of_gives_the_same_numbers_after_later_edits(field, served):
    from services import operations

    as_of = timezone.now()
    before = pmt(field[1], as_of=as_of)
    operations.void_contact(served["b_q4"].pk, actor=field[1], reason="Wrong client")
    after = pmt(field[1], as_of=as_of)
    for name in ("Summary", "Demographics (new)", "Services", "Victimizations"):
        assert sheet(after, name) == sheet(before, name)
    now = sheet(pmt(field[1]), "Summary")
    assert row(now, "Individuals served this period")[1] == 2


def test_as_of_keeps_the_services_victimizations_and_classifications_recorded_then(field, served):
    from services import operations
    from services.models import SpecialClassification, VictimizationType

    advocate, supervisor = field
    as_of = timezone.now()
    before = pmt(supervisor, as_of=as_of)
    contact = served["b_q4"]
    contact.refresh_from_db()
    operations.update_contact(
        contact.pk,
        actor=supervisor,
        version=contact.version,
        reason="Services were entered on the wrong contact",
        services={"C2": 4},
        victimizations=[VictimizationType.objects.current().get(code="arson")],
    )
    client = served["a"]
    client.refresh_from_db()
    operations.update_client(
        client.pk,
        actor=advocate,
        version=client.version,
        reason="Housed since",
        special_classifications=[SpecialClassification.objects.current().get(code="veteran")],
    )
    after = pmt(supervisor, as_of=as_of)
    for name in ("Summary", "Services", "Victimizations", "Special classifications"):
        assert sheet(after, name) == sheet(before, name)

    now = pmt(supervisor)
    services = {r[1]: r for r in sheet(now, "Services")[1:] if r[1]}
    assert services["C2"][3:5] == (1, 6)
    assert services["E1"][3:5] == (0, 0)
    victimizations = dict(sheet(now, "Victimizations")[1:])
    assert victimizations["Robbery"] == 0 and victimizations["Arson"] == 1
    special = dict(sheet(now, "Special classifications")[1:])
    assert special["Homeless"] == 0 and special["Veterans"] == 1


def test_clients_recorded_before_classifications_were_kept_on_the_record_report_alike(
    field, served
):
    """Migration 0003 freezes each existing client's classifications into its history once;
    after that, later edits leave reports as of earlier moments alone."""
    import importlib

    from django.apps import apps

    from services import operations
    from services.models import Client

    advocate, supervisor = field
    # As the migration found them: the new column empty on the record and in history.
    Client.objects.filter(pk=served["a"].pk).update(special_classification_codes="")
    Client.history.model.objects.filter(id=served["a"].pk).update(special_classification_codes="")
    importlib.import_module("services.migrations.0003_client_classification_codes").fill_codes(
        apps, None
    )
    as_of = timezone.now()
    client = Client.objects.get(pk=served["a"].pk)
    operations.update_client(
        client.pk, actor=advocate, version=client.version, special_classifications=[]
    )
    then = dict(sheet(pmt(supervisor, as_of=as_of), "Special classifications")[1:])
    now = dict(sheet(pmt(supervisor), "Special classifications")[1:])
    assert (then["Homeless"], now["Homeless"]) == (1, 0)


def test_pdf_summary_holds_the_same_figures(field, served):
    text = pdf_text(pmt(field[1], "pdf"))
    assert "Individuals served this period 3" in text.replace("\n", " ")
    assert "Page 1 of" in text
    assert "PASS" in text and "FAIL" not in text


def test_no_name_code_or_note_leaves_in_the_pmt(field, served):
    for fmt in ("xlsx", "pdf"):
        content = pmt(field[1], fmt)
        from tests.support.reports_data import all_text

        text = all_text(content, fmt)
        assert CANARY_NAME not in text
        assert "CANARY-NOTE" not in text and CANARY_NOTE not in text
        for c in ("a", "b", "c", "d"):
            assert served[c].code not in text


def test_pmt_period_must_sit_in_one_fiscal_year(field):
    import datetime as dt

    with pytest.raises(ValueError, match="one federal fiscal year"):
        generate(
            "pmt",
            "xlsx",
            actor=field[1],
            period=Period.from_dates(dt.date(2026, 9, 1), dt.date(2026, 10, 31)),
        )
