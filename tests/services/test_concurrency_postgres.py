import threading

import pytest
from django.db import connections

from services import operations
from tests.factories import make_contact, make_user
from voca import roles as R


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_saves_of_one_contact_one_wins_one_is_refused():
    from voca.roles import sync_roles

    sync_roles()
    owner = make_user("owner", R.ADVOCATE)
    boss = make_user("boss", R.SUPERVISOR)
    contact = make_contact(owner)
    barrier = threading.Barrier(2)
    outcomes = {}

    def save(user, minutes):
        try:
            barrier.wait()
            operations.update_contact(contact.pk, actor=user, version=1, minutes=minutes)
            outcomes[user.username] = "saved"
        except operations.EditConflict:
            outcomes[user.username] = "refused"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(owner, 20)),
        threading.Thread(target=save, args=(boss, 30)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes.values()) == ["refused", "saved"]
    contact.refresh_from_db()
    winner = next(name for name, result in outcomes.items() if result == "saved")
    assert contact.minutes == {"owner": 20, "boss": 30}[winner]
    assert contact.version == 2
