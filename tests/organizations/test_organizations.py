"""The unit is an organization from the first migration; a UEI is checked as SAM.gov issues it;
an uploaded document is a PDF or an image under the size limit."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction

from organizations.access import organization_of, works_for_unit
from organizations.models import Membership, Organization, OrganizationKind, validate_uei
from tests.factories import make_user
from voca.documents import MAX_DOCUMENT_BYTES, validate_document

pytestmark = pytest.mark.django_db


def test_the_unit_exists_once_and_every_account_without_a_membership_works_for_it():
    unit = Organization.objects.the_unit()
    assert unit.kind == OrganizationKind.UNIT
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(kind=OrganizationKind.UNIT, legal_name="A second unit")
    user = make_user("someone")
    assert organization_of(user) == unit
    assert works_for_unit(user)


def test_a_member_of_a_subrecipient_works_for_it_and_not_for_the_unit():
    shelter = Organization.objects.create(
        kind=OrganizationKind.SUBRECIPIENT,
        legal_name="Safe Harbor Shelter Inc.",
        uei="K7LMN2PQR3ST",
    )
    user = make_user("someone")
    Membership.objects.create(user=user, organization=shelter)
    assert organization_of(user) == shelter
    assert not works_for_unit(user)


@pytest.mark.parametrize(
    ("uei", "says"),
    [
        ("K7LMN2PQR3S", "exactly 12 characters (this has 11)"),
        ("K7LMN2PQR3ST9", "exactly 12 characters (this has 13)"),
        ("K7LMN2PQR3S-", "only letters A to Z and digits"),
        ("K7LMN2PQROST", "never has the letters I or O"),
        ("07LMN2PQR3ST", "never starts with 0"),
    ],
)
def test_a_malformed_uei_is_refused_saying_what_is_wrong(uei, says):
    with pytest.raises(ValidationError) as refused:
        validate_uei(uei)
    assert says in refused.value.messages[0]


def test_a_well_formed_uei_passes_whatever_its_case_and_spaces():
    validate_uei("k7lm n2pq r3st")


def test_a_document_must_be_a_pdf_or_an_image_by_its_content_and_within_the_limit():
    assert validate_document(SimpleUploadedFile("r.pdf", b"%PDF-1.7\n...")) == "PDF"
    assert validate_document(SimpleUploadedFile("r.png", b"\x89PNG\r\n\x1a\n....")) == "PNG image"
    with pytest.raises(ValidationError, match="neither"):
        validate_document(SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00 not a pdf"))
    with pytest.raises(ValidationError, match="empty"):
        validate_document(SimpleUploadedFile("r.pdf", b""))
    big = SimpleUploadedFile("r.pdf", b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES)
    with pytest.raises(ValidationError, match="at most 10 MB"):
        validate_document(big)
