"""Which award funded each contact (kept on the grants side: services never imports grants)."""

from django.db import models
from simple_history.models import HistoricalRecords

from services.models import Contact

from .award import Award


class ContactFunding(models.Model):
    """The award a contact is counted under; set by grants.funding whenever a contact is saved.

    Holds only the two keys, so its history reveals nothing about the person served.
    """

    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="funding")
    award = models.ForeignKey(
        Award, on_delete=models.PROTECT, related_name="funded_contacts", null=True, blank=True
    )

    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = "contact's funding award"

    def __str__(self):
        number = self.award.federal_award_number if self.award_id else "no award"
        return f"Contact #{self.contact_id}: {number}"
