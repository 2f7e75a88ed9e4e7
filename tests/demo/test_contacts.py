"""The demo's de-identified contacts."""

import datetime

import pytest

from services.models import Client, Contact
from services.panels import federal_quarter
from voca.clock import local_today

pytestmark = pytest.mark.django_db


def test_demo_has_about_300_deidentified_contacts_over_two_quarters(demo):
    today = local_today()
    this_q = federal_quarter(today)
    last_q = federal_quarter(this_q[0] - datetime.timedelta(days=1))
    contacts = Contact.objects.filter(organization__kind="unit")
    assert contacts.count() == 300
    assert contacts.filter(date__lt=this_q[0], date__gte=last_q[0]).exists()
    assert contacts.filter(date__gte=this_q[0]).exists()
    assert contacts.filter(client=None).count() > 20  # anonymous
    returning = [c for c in Client.objects.all() if c.contacts.count() > 1]
    assert len(returning) > 20
    assert contacts.values("staff").distinct().count() >= 5
    assert contacts.exclude(service_day=None).exists()
    assert contacts.filter(voided=True).count() == 2
    # De-identified: no names or phones anywhere; every contact has its history.
    assert not Client.objects.filter(first_name__isnull=False).exists()  # "" is NULL
    assert not Client.objects.filter(phone__isnull=False).exists()
    assert Contact.history.filter(history_type="+", organization__kind="unit").count() == 300


def test_each_demo_agency_has_its_people_and_contacts_that_only_it_sees(demo):
    from django.contrib.auth import get_user_model

    from organizations.access import organization_of
    from organizations.demo import ensure_demo_agencies
    from services import permissions

    users = get_user_model().objects
    supervisor = users.get(username="supervisor")
    unit_contacts = set(permissions.visible_contacts(supervisor))
    for agency, prefix in zip(
        ensure_demo_agencies(), ("safeharbor", "gatewaycac", "legalaid"), strict=True
    ):
        director = users.get(username=f"{prefix}.director")
        for job in ("director", "finance", "advocate"):
            assert organization_of(users.get(username=f"{prefix}.{job}")) == agency
        theirs = set(permissions.visible_contacts(director))
        assert len(theirs) == 7  # three clients seen twice, one anonymous contact
        assert {c.organization for c in theirs} == {agency}
        assert not theirs & unit_contacts
        assert all(c.service_day_id is None for c in theirs)
