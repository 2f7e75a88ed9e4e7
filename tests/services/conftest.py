import datetime

import pytest

from tests.factories import make_client, make_contact, make_user
from voca import roles as R
from voca.clock import local_today

CANARY_NAME = "Zanzibarella"
CANARY_NOTE = "Quokkafeather lives behind the bakery"


@pytest.fixture
def people(roles):
    return {
        "owner": make_user("owner", R.ADVOCATE, first_name="Olive"),
        "other_worker": make_user("other", R.SOCIAL_WORKER, first_name="Otto"),
        "programrep": make_user("rep", R.PROGRAM_REPRESENTATIVE),
        "supervisor": make_user("boss", R.SUPERVISOR, first_name="Sue"),
        "auditor": make_user("audit", R.AUDITOR),
        "finance": make_user("money", R.FINANCE),
        "grantsmanager": make_user("grants", R.GRANTS_MANAGER),
        "editor": make_user("web", R.EDITOR),
    }


@pytest.fixture
def case(people):
    """A client who gave a name with consent, and one contact logged by ``owner``."""
    owner = people["owner"]
    today = local_today()
    client = make_client(
        owner,
        first_name=CANARY_NAME,
        phone="314-555-0199",
        consent_given_on=today,
        consent_scope="call-backs",
        consent_expires_on=today + datetime.timedelta(days=180),
    )
    contact = make_contact(owner, client=client, notes=CANARY_NOTE, services=("A1", "C1"))
    return {"client": client, "contact": contact}
