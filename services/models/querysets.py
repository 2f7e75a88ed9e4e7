"""The read rules of the confidential records: which clients and contacts a question selects."""

import datetime

from django.db import models
from django.db.models import Q

from voca.crypto import lookup_digests


class ClientQuerySet(models.QuerySet):
    def with_phone(self, phone: str):
        """Clients whose recorded phone is exactly ``phone`` (matched on keyed digests)."""
        return self.filter(phone_digest__in=lookup_digests(phone.strip()))

    def served_by(self, user):
        """Clients ``user`` registered or logged a contact with (a semi-join read off the
        contact_staff_client index: no join, no DISTINCT, at 100,000 contacts)."""
        from .contacts import Contact  # contacts.py builds on this module

        served = Contact.objects.filter(client=models.OuterRef("pk"), staff=user)
        return self.filter(Q(created_by=user) | models.Exists(served))

    def last_contact_before(self, day: datetime.date):
        """Clients whose most recent contact (or creation, when never served) is before ``day``."""
        return self.annotate(last_contact=models.Max("contacts__date")).filter(
            Q(last_contact__lt=day) | Q(last_contact__isnull=True, created_at__date__lt=day)
        )


class ContactQuerySet(models.QuerySet):
    def active(self):
        return self.filter(voided=False)

    def logged_by(self, user):
        return self.filter(staff=user)

    def between(self, start: datetime.date, end: datetime.date):
        return self.filter(date__gte=start, date__lte=end)

    def summary(self) -> tuple[int, datetime.date | None]:
        """(how many, the latest date) of these contacts, in one query."""
        found = self.aggregate(n=models.Count("pk"), last=models.Max("date"))
        return found["n"], found["last"]
