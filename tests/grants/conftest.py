import pytest

from tests.factories import make_award, make_line, make_user
from voca.roles import AUDITOR, FINANCE, GRANTS_MANAGER


@pytest.fixture
def finance(roles):
    return make_user("fran", FINANCE)


@pytest.fixture
def finance2(roles):
    return make_user("frank", FINANCE)


@pytest.fixture
def manager(roles):
    return make_user("gale", GRANTS_MANAGER)


@pytest.fixture
def auditor(roles):
    return make_user("avery", AUDITOR)


@pytest.fixture
def award(manager):
    return make_award(manager)


@pytest.fixture
def line(manager, award):
    return make_line(manager, award, amount="1000.00")
