"""The upgrade moves contacts and staffing found on a day's translations to the day (its English
page), merging staffing without duplicates and writing the move into each contact's history."""

import datetime

import pytest

from events.models import ServiceDayPage
from services.models import Contact, StaffAssignment
from tests.factories import make_service_day, make_user
from tests.helpers import at, migrate_to, moment, synchronise_languages
from voca import roles as R
from voca.i18n import translate_page

BEFORE = [("services", "0010_encrypt_reasons")]
AFTER = [("services", "0011_contacts_and_staffing_on_the_day")]


@pytest.fixture(autouse=True)
def _back_to_the_latest_schema():
    """The tests after these expect every migration applied."""
    yield
    migrate_to()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_upgrade_moves_contacts_and_merges_staffing_onto_the_english_day(roles):
    with at(moment(2026, 12, 1)):
        day = make_service_day(datetime.date(2026, 12, 2), title="Carpenter day")
        other = make_service_day(datetime.date(2026, 12, 9), title="Buder day")
        synchronise_languages()
        translate_page(day, "es", {"title": "Día en Carpenter"})
    spanish = ServiceDayPage.objects.get(
        translation_key=day.translation_key, locale__language_code="es"
    )
    bosnian = ServiceDayPage.objects.get(
        translation_key=day.translation_key, locale__language_code="bs"
    )
    assert bosnian.alias_of_id == day.pk
    ann, bob, cy = (make_user(name, R.ADVOCATE) for name in ("ann", "bob", "cy"))

    old = migrate_to(BEFORE)
    OldContact = old.get_model("services", "Contact")
    OldAssignment = old.get_model("services", "StaffAssignment")
    on_spanish = OldContact.objects.create(
        date="2026-12-02", staff_id=ann.pk, service_day_id=spanish.pk
    )
    on_english = OldContact.objects.create(
        date="2026-12-02", staff_id=bob.pk, service_day_id=day.pk
    )
    for user, page in [
        (ann, day),
        (ann, spanish),  # the same person on the day twice: one assignment stays
        (bob, spanish),
        (bob, bosnian),  # twice, on two translations: moved once
        (cy, day),
        (cy, other),
    ]:
        OldAssignment.objects.create(user_id=user.pk, service_day_id=page.pk)

    migrate_to(AFTER)
    migrate_to()  # today's schema, which the models read: the old rows are the unit's

    assert {c.organization.is_unit for c in Contact.objects.all()} == {True}
    assert dict(Contact.objects.values_list("pk", "service_day_id")) == {
        on_spanish.pk: day.pk,
        on_english.pk: day.pk,
    }
    moved = Contact.objects.get(pk=on_spanish.pk)
    assert moved.version == 2
    last = moved.history.order_by("-history_id").first()
    assert last.service_day_id == day.pk
    assert last.history_change_reason.startswith("Moved to the English service day")
    assert Contact.objects.get(pk=on_english.pk).history.count() == 0  # untouched
    assert sorted(StaffAssignment.objects.values_list("user__username", "service_day__title")) == [
        ("ann", "Carpenter day"),
        ("bob", "Carpenter day"),
        ("cy", "Buder day"),
        ("cy", "Carpenter day"),
    ]
