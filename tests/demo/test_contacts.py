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
    contacts = Contact.objects.all()
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
    assert Contact.history.filter(history_type="+").count() == 300
