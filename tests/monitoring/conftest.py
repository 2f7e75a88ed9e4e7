"""The subawards fixtures (a state award with a Subawards line, the state's people, an agency and
its people, subawards), plus monitoring's own helpers."""

import datetime as dt

import pytest

from monitoring.rules import ENTERED
from tests.subawards.conftest import (  # noqa: F401 (fixtures)
    agency,
    agency_finance,
    agency_person,
    award,
    check,
    director,
    line,
    make_agency,
    make_subaward,
    people,
)
from voca import roles as R

DAY = dt.date(2027, 3, 10)


def scores(*values):
    """Entered scores in the order of rules.ENTERED (all zero when none given)."""
    values = values or (0,) * len(ENTERED)
    return {f.key: v for f, v in zip(ENTERED, values, strict=True)}


def notes(text="Checked against the file."):
    return {f.key: text for f in ENTERED}


@pytest.fixture
def other_agency(people):  # noqa: F811 (the fixture)
    other = make_agency("Children's Advocacy Center of the Ozarks", uei="M3NPQR4STU5V")
    check(people["gm"], other)
    return other


@pytest.fixture
def other_director(other_agency):
    return agency_person("b.director", other_agency, R.AGENCY_DIRECTOR)
