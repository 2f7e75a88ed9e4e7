"""The subaward document: every data element, the budget, the match and the conditions, issued
anew (stored and numbered) for every version, never replaced."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from subawards import operations
from subawards.document import collect, render_pdf

pytestmark = pytest.mark.django_db


def _text(version) -> str:
    version.document.open("rb")
    reader = PdfReader(io.BytesIO(version.document.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_document_carries_every_data_element(make_subaward):
    subaward = make_subaward(conditions=["Report quarterly to the PMT."])
    text = _text(subaward.current_version())
    for expected in (
        "Safe Harbor Domestic Violence Shelter, Inc.",
        "K7LMN2PQR3ST",
        "15POVC-TEST-0001",
        "Federal award date",
        "Subaward period of performance",
        "Budget period",
        "Federal funds obligated by this action $100,000.00",
        "Total federal funds obligated to the subrecipient $100,000.00",
        "Total federal funds committed to the subrecipient $100,000.00",
        "Emergency shelter and advocacy",
        "Office for Victims of Crime",
        "Jordan Smith",
        "16.575",
        "Research and development No",
        "No indirect costs",
        "Personnel $80,000.00",
        "Match required (20% of total project cost) $25,000.00",
        "Report quarterly to the PMT.",
        "Single audit threshold",
        "$1,000,000.00",
        "SUB-2026-001-01",
        "FFATA subaward report (from $30,000.00) reported in SAM.gov",
    ):
        assert expected in text, expected


def test_each_version_keeps_its_own_document(people, make_subaward):
    subaward = make_subaward()
    draft = operations.amend_subaward(
        people["gm"],
        subaward_id=subaward.pk,
        kind="decrease",
        reason="Award cut",
        budget={"personnel": "70000.00", "supplies": "20000.00"},
    )
    operations.issue_version(people["gm"], version_id=draft.pk)
    first, second = subaward.versions.order_by("number")
    assert (first.document_number, second.document_number) == (
        "SUB-2026-001-01",
        "SUB-2026-001-02",
    )
    assert first.document.name != second.document.name
    assert "Federal funds obligated by this action -$10,000.00" in _text(second)
    assert "Total federal funds obligated to the subrecipient $100,000.00" in _text(first)


def test_rendering_makes_bytes_without_the_database_once_collected(make_subaward):
    version = make_subaward(issue=False).latest_version()
    data = collect(version, generated_by="Test")
    assert render_pdf(data).startswith(b"%PDF")


def test_the_mtdc_part_of_a_subaward_is_the_guidance_portion(make_subaward):
    """The state's MTDC base counts only the first $50,000 of each subaward (2024 revision)."""
    big = make_subaward(issue=False).latest_version()
    small = make_subaward(issue=False, budget={"personnel": "20000.00"}).latest_version()
    assert big.mtdc_counted == Decimal("50000.00")
    assert small.mtdc_counted == Decimal("20000.00")
    # FFATA: reported in SAM.gov from $30,000.00.
    assert big.ffata_reportable and not small.ffata_reportable
    at_threshold = make_subaward(issue=False, budget={"personnel": "30000.00"}).latest_version()
    assert at_threshold.ffata_reportable
