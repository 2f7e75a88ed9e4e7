"""Field staff's client listing holds the clients they registered or served, and no one else's."""

import pytest

from services.models import Client
from services.permissions import visible_clients
from tests.factories import make_client, make_contact, make_field_worker, make_user

pytestmark = pytest.mark.usefixtures("roles")


def test_field_staff_see_clients_they_registered_or_served_and_no_others():
    me = make_field_worker("advocate1")
    other = make_field_worker("advocate2", role="Social Worker")
    registered = make_client(me)
    served = make_client(other)
    make_contact(me, client=served)
    make_contact(me, client=served)  # two contacts: the client is listed once
    elsewhere = make_client(other)
    make_contact(other, client=elsewhere)

    mine = list(visible_clients(me).order_by("pk"))
    assert mine == sorted([registered, served], key=lambda c: c.pk)
    assert visible_clients(me).count() == 2
    assert set(visible_clients(other)) == {served, elsewhere}


def test_supervisors_see_every_client_and_finance_none():
    worker = make_field_worker()
    make_client(worker)
    make_client(worker)
    assert visible_clients(make_user("sup", "Supervisor")).count() == Client.objects.count() == 2
    assert visible_clients(make_user("money", "Finance")).count() == 0
