"""The claim screens: the subrecipient's list and form, the state's queue, a claim's page with its
rounds and buttons, a refusal on its field, and another subrecipient's claim not found."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from subawards import operations
from subawards.models import Claim
from tests.helpers import at, login

from .conftest import PDF, agency_person, check, make_agency
from .test_claims import MARCH, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def agency_roles_open_the_admin(db):
    """The agency roles (voca/roles.py on the orgs branch) open the admin; here without it."""
    for name in ("Agency Finance", "Agency Director", "Agency Advocate"):
        group = Group.objects.get_or_create(name=name)[0]
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )


@pytest.fixture
def subaward(make_subaward):
    return make_subaward()


def test_a_subrecipient_submits_a_claim_from_its_list(client, agency_finance, subaward):
    login(client, agency_finance)
    with at(MARCH):
        listing = client.get(reverse("subawards_claims:index"))
        assert listing.status_code == 200
        new_url = reverse("subawards_claim_new", args=(subaward.pk,))
        assert new_url in listing.content.decode()
        form = client.get(new_url)
        assert "Left: $80,000.00 of $80,000.00" in form.content.decode()
        refused = client.post(
            new_url,
            {
                "period": "2027-02-01",
                "personnel": "90000.00",
                "match_provided": "0",
                "documents": SimpleUploadedFile("r.pdf", PDF),
            },
        )
        assert refused.status_code == 200
        assert "Only $80,000.00 is left in this category" in refused.content.decode()
        assert not Claim.objects.exists()
        response = client.post(
            new_url,
            {
                "period": "2027-02-01",
                "personnel": "6,000.00",
                "supplies": "",
                "match_provided": "1500",
                "documents": SimpleUploadedFile("r.pdf", PDF),
            },
        )
    claim = Claim.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("subawards_claims:inspect", args=(claim.pk,))
    page = client.get(response["Location"]).content.decode()
    assert "Round 1" in page and "$6,000.00" in page
    assert "Waiting for program approval" in page


def test_the_state_reviews_from_the_queue_with_only_the_allowed_buttons(
    client, people, agency_finance, subaward
):
    with at(MARCH):
        claim = submit(agency_finance, subaward)
    login(client, people["gm"])
    queue = client.get(reverse("subawards_claims:index"), {"status": "submitted"})
    assert str(claim) in queue.content.decode()
    page = client.get(reverse("subawards_claims:inspect", args=(claim.pk,))).content.decode()
    approve = reverse("subawards_claim_step", args=(claim.pk, "program_approve"))
    finance = reverse("subawards_claim_step", args=(claim.pk, "finance_approve"))
    assert approve in page and finance not in page
    with at(MARCH):
        response = client.post(
            approve, {"personnel": "6000.00", "supplies": "1000.00", "reason": ""}
        )
        assert "Say why this line is approved for less" in response.content.decode()
        response = client.post(
            approve,
            {"personnel": "6000.00", "supplies": "1000.00", "reason_supplies": "Not allowable"},
        )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "program_approved"
    login(client, people["finance"])
    page = client.get(reverse("subawards_claims:inspect", args=(claim.pk,))).content.decode()
    assert finance in page and "Not allowable" in page


def test_another_subrecipient_finds_neither_the_claim_nor_its_documents(
    client, people, agency_finance, subaward
):
    other = make_agency("Children's Advocacy Center of the Ozarks", uei="M3NPQR4STU5V")
    check(people["gm"], other)
    with at(MARCH):
        claim = submit(agency_finance, subaward)
        operations.send_back_claim(people["gm"], claim_id=claim.pk, comments="Timesheets")
    document = claim.current_round().documents.get()
    login(client, agency_person("otherfinance", other, "Agency Finance"))
    assert str(claim) not in client.get(reverse("subawards_claims:index")).content.decode()
    for url in (
        reverse("subawards_claims:inspect", args=(claim.pk,)),
        reverse("subawards_claim_step", args=(claim.pk, "resubmit")),
        reverse("subawards_claim_document", args=(document.pk,)),
        reverse("subawards_claim_new", args=(subaward.pk,)),
    ):
        assert client.get(url).status_code == 404, url
    # Wagtail's own views of the model (history, usage, edit, delete) never show it either.
    for view in ("history", "usage", "edit", "delete"):
        response = client.get(reverse(f"subawards_claims:{view}", args=(claim.pk,)))
        assert response.status_code != 200 and str(claim) not in response.content.decode(), view
    login(client, agency_finance)
    response = client.get(reverse("subawards_claim_document", args=(document.pk,)))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert dt.date(2027, 2, 1) == claim.period_start
