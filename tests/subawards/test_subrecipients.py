"""Subrecipients: every field the subaward needs; a malformed UEI is refused and saves nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from organizations.models import Organization
from subawards import operations

pytestmark = pytest.mark.django_db

FIELDS = {
    "legal_name": "Eastern Missouri Victims Legal Aid",
    "uei": "l3ga l8aq w5em",
    "ovc_type": "np_legal",
    "street": "4232 Forest Park Avenue",
    "city": "St. Louis",
    "zip_code": "63108",
    "service_area": "St. Louis City\nJefferson County",
    "contact_name": "Riley Chen",
}


def test_a_subrecipient_is_added_with_its_uei_as_sam_writes_it(people):
    org = operations.create_subrecipient(people["gm"], **FIELDS)
    assert org.kind == "subrecipient"
    assert org.uei == "L3GAL8AQW5EM"
    assert org.history.first().history_user == people["gm"]


@pytest.mark.parametrize(
    ("uei", "says"),
    [("L3GAL8AQW5E", "exactly 12 characters"), ("L3GAL8AQW5EO", "never has the letters I or O")],
)
def test_a_malformed_uei_is_refused_on_its_field(people, uei, says):
    with pytest.raises(ValidationError) as refused:
        operations.create_subrecipient(people["gm"], **{**FIELDS, "uei": uei})
    assert says in refused.value.message_dict["uei"][0]
    assert not Organization.objects.subrecipients().exists()


def test_a_uei_belongs_to_one_organization(people):
    operations.create_subrecipient(people["gm"], **FIELDS)
    with pytest.raises(ValidationError) as refused:
        operations.create_subrecipient(people["gm"], **{**FIELDS, "legal_name": "Copy"})
    assert "already has this UEI" in refused.value.message_dict["uei"][0]


def test_every_required_field_is_named(people):
    with pytest.raises(ValidationError) as refused:
        operations.create_subrecipient(people["gm"], legal_name="Only a name", uei="G4WCAC7XY2Z1")
    assert set(refused.value.message_dict) == {
        "ovc_type",
        "street",
        "city",
        "zip_code",
        "service_area",
        "contact_name",
    }


def test_an_edit_keeps_the_old_values_in_history(people):
    org = operations.create_subrecipient(people["gm"], **FIELDS)
    operations.update_subrecipient(
        people["gm"], org.pk, contact_name="Sam Ortiz", reason="New director"
    )
    org.refresh_from_db()
    assert org.contact_name == "Sam Ortiz"
    assert org.history.last().contact_name == "Riley Chen"


def test_only_the_grants_manager_manages_subrecipients(people):
    with pytest.raises(PermissionDenied):
        operations.create_subrecipient(people["finance"], **FIELDS)
