"""A state award with a Subawards line, the state's people, and a subrecipient with its people."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from organizations.models import Membership, Organization, OrganizationKind
from tests.factories import make_award, make_line, make_user

PDF = b"%PDF-1.4\n% SAM.gov search result\n"


def evidence(name="sam-gov.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_agency(name="Safe Harbor Domestic Violence Shelter, Inc.", uei="K7LMN2PQR3ST"):
    return Organization.objects.create(
        kind=OrganizationKind.SUBRECIPIENT,
        legal_name=name,
        short_name=name.split()[0],
        uei=uei,
        street="1400 Olive Street",
        city="St. Louis",
        zip_code="63103",
        service_area="St. Louis City",
        contact_name="Dana Reyes",
    )


def agency_person(username, agency, role):
    from django.contrib.auth.models import Permission

    user = make_user(username)
    group = Group.objects.get_or_create(name=role)[0]
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    Membership.objects.create(user=user, organization=agency)
    return user


def check(actor, agency, checked_on=dt.date(2026, 12, 1), result="not_excluded"):
    from subawards import operations

    return operations.record_exclusion_check(
        actor,
        organization_id=agency.pk,
        checked_on=checked_on,
        result=result,
        evidence=evidence(),
    )


def terms(**changes):
    """The terms of a $100,000 subaward for calendar 2027 (personnel and supplies)."""
    values = {
        "period_start": dt.date(2027, 1, 1),
        "period_end": dt.date(2027, 9, 30),
        "project_description": "Emergency shelter and advocacy for victims of domestic violence",
        "pass_through_contact": "Jordan Smith, Grants Manager, grants@dps.example.gov",
        "indirect_rate_kind": "none",
        "budget": {"personnel": "80000.00", "supplies": "20000.00"},
        "reason": "Competitive solicitation FY2027, award recommended by the review panel",
    }
    values.update(changes)
    return values


@pytest.fixture
def people(roles):
    return {
        "gm": make_user("grantsmanager", "Grants Manager"),
        "gm2": make_user("grantsmanager2", "Grants Manager"),
        "finance": make_user("finance", "Finance"),
        "auditor": make_user("auditor", "Auditor"),
        "advocate": make_user("advocate", "Advocate"),
    }


@pytest.fixture
def award(people):
    return make_award(people["gm"], total="500000.00")


@pytest.fixture
def line(people, award):
    return make_line(
        people["gm"],
        award,
        amount="250000.00",
        category="subawards",
        program="Subawards",
        description="Local victim service agencies",
    )


@pytest.fixture
def agency(people):
    agency = make_agency()
    check(people["gm"], agency)
    return agency


@pytest.fixture
def director(agency):
    return agency_person("director", agency, "Agency Director")


@pytest.fixture
def agency_finance(agency):
    return agency_person("agencyfinance", agency, "Agency Finance")


@pytest.fixture
def make_subaward(people, line, agency):
    from subawards import operations

    def make(issue=True, conditions=(), **changes):
        subaward = operations.create_subaward(
            people["gm"],
            subrecipient_id=changes.pop("subrecipient_id", agency.pk),
            line_id=changes.pop("line_id", line.pk),
            conditions=conditions,
            **terms(**changes),
        )
        if issue:
            operations.issue_version(
                people["gm"], version_id=subaward.latest_version().pk, reason="Signed"
            )
        subaward.refresh_from_db()
        return subaward

    return make
