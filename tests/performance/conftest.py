"""A state award with a Subawards line, a subrecipient with a subaward for Jan-Sep 2027 and its
people (from the subawards tests), another agency, and contacts counted by hand."""

import datetime as dt

import pytest

from tests.factories import make_user
from tests.helpers import at, moment
from tests.subawards import conftest as subawards_setup
from tests.subawards.conftest import agency_person, check, make_agency

# The subawards tests' fixtures: the state's people, award, Subawards line, agency and its people.
people = subawards_setup.people
award = subawards_setup.award
line = subawards_setup.line
agency = subawards_setup.agency
director = subawards_setup.director
agency_finance = subawards_setup.agency_finance
make_subaward = subawards_setup.make_subaward

# Test "now" is 7 Dec 2026; FY2027 Q2 (Jan-Mar 2027) has ended by mid-April 2027.
AFTER_Q2 = moment(2027, 4, 15)
LATE = moment(2027, 5, 20)  # Q2's report was due on 30 April 2027


@pytest.fixture
def subaward(make_subaward):
    return make_subaward()


@pytest.fixture
def advocate(agency):
    return agency_person("agencyadvocate", agency, "Agency Advocate")


@pytest.fixture
def other_agency(people):
    other = make_agency("Northside Youth Services, Inc.", uei="Z9Y8X7W6V5U4")
    check(people["gm"], other)
    return other


@pytest.fixture
def other_director(other_agency):
    return agency_person("otherdirector", other_agency, "Agency Director")


@pytest.fixture
def unit_advocate(people):
    return make_user("ada", "Advocate")


def log(actor, day, services, **kw):
    from services import operations

    return operations.log_contact(actor=actor, date=day, services=services, **kw)


def client(actor, **kw):
    from services import operations

    return operations.create_client(actor=actor, **kw)


def victimization(code):
    from services.models import VictimizationType

    return VictimizationType.objects.current().get(code=code)


@pytest.fixture
def agency_contacts(advocate, other_agency, unit_advocate):
    """The agency's Q2 FY2027, counted by hand:
    - client P: served in Q1 (Dec 2026) and again in Q2 -> continuing;
    - clients Q (white, male, 18-24) and R (nothing recorded) -> new in Q2;
    - one anonymous contact in Q2;
    contacts in Q2: P x1 (C1), Q x2 (A1; A1+C1, compensation help), R x1 (E1), anonymous x1 (C2)
    -> 5 contacts, 3 individuals served, 2 new, 1 continuing, 1 with compensation help.
    The unit's and another agency's contacts in the same quarter must count nowhere here."""
    with at(moment(2026, 12, 20)):
        p = client(advocate, race_ethnicity="black", gender_identity="female", age_group="25_59")
        log(advocate, dt.date(2026, 12, 15), {"C1": 1}, client=p)
    with at(AFTER_Q2):
        q = client(advocate, race_ethnicity="white", gender_identity="male", age_group="18_24")
        r = client(advocate)
        log(advocate, dt.date(2027, 1, 10), {"C1": 1}, client=p)
        log(
            advocate,
            dt.date(2027, 2, 1),
            {"A1": 1},
            client=q,
            victimizations=[victimization("robbery")],
        )
        log(
            advocate,
            dt.date(2027, 3, 3),
            {"A1": 2, "C1": 1},
            client=q,
            compensation_help=True,
        )
        log(advocate, dt.date(2027, 3, 30), {"E1": 1}, client=r)
        log(advocate, dt.date(2027, 2, 14), {"C2": 1})
        # Not the agency's: the unit's advocate, and another agency's advocate.
        u = client(unit_advocate, race_ethnicity="asian")
        log(unit_advocate, dt.date(2027, 2, 2), {"A1": 5, "B9": 1}, client=u)
        stranger = agency_person("otheradvocate", other_agency, "Agency Advocate")
        s = client(stranger, race_ethnicity="asian")
        log(stranger, dt.date(2027, 2, 3), {"A1": 7}, client=s)
    return {"p": p, "q": q, "r": r}
