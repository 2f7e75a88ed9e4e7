import pytest
from django.core.management import call_command


@pytest.fixture
def roles(db):
    """The staff role groups, as the run command creates them."""
    from voca.roles import sync_roles

    return {g.name: g for g in sync_roles()}


@pytest.fixture
def demo(db):
    """The whole demo install: roles, one user per role, each app's demo data."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty whole-page cache (voca/page_cache.py)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _postgres_only(request):
    """Tests marked ``postgres`` need PostgreSQL (row locks, parallel connections, pg_dump)."""
    if request.node.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")
