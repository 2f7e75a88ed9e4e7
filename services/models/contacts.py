"""The contact: one service encounter with a client (or an anonymous person), and what was given."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from events.models import ServiceDayPage
from organizations.models import Organization
from services.reference import SubService, VictimizationType
from voca import clock, formats
from voca.crypto import EncryptedCharField, EncryptedTextField

from .clients import Client
from .querysets import ContactQuerySet

NOTES_MAX_LENGTH = 2000
MAX_MINUTES = 600
# Free text that can identify a victim: encrypted, out of history, erased by retention.
CONFIDENTIAL_CONTACT_FIELDS = ["notes", "referrals"]


class Contact(models.Model):
    """One service encounter with a client (or an anonymous person)."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        PHONE = "phone", "Phone"
        VIDEO = "video", "Video"
        OUTREACH = "outreach", "Outreach"

    class Funding(models.TextChoices):
        VOCA = "voca", "VOCA"
        MATCH = "match", "Match"
        OTHER = "other", "Other"

    # Whose contact: the logging user's organization (set by the operation, never by a form).
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", editable=False
    )
    date = models.DateField()
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contacts_logged"
    )
    service_day = models.ForeignKey(
        ServiceDayPage,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="contacts"
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    victimizations = models.ManyToManyField(VictimizationType, blank=True, related_name="+")
    services = models.ManyToManyField(SubService, through="ContactService", related_name="+")
    referrals = EncryptedCharField(
        max_length=300,
        blank=True,
        validators=[MaxLengthValidator(300)],
        help_text="Kinds of agency referred to; no names of people.",
    )
    compensation_help = models.BooleanField("helped with a compensation application", default=False)
    minutes = models.PositiveIntegerField(default=15, validators=[MaxValueValidator(MAX_MINUTES)])
    funding_source = models.CharField(max_length=10, choices=Funding.choices, default=Funding.VOCA)
    notes = EncryptedTextField(
        "confidential notes",
        blank=True,
        max_length=NOTES_MAX_LENGTH,
        validators=[MaxLengthValidator(NOTES_MAX_LENGTH)],
    )
    # Written by operations from the rows above so that history shows what was given and why.
    service_codes = models.TextField(blank=True, editable=False)
    victimization_codes = models.TextField(blank=True, editable=False)
    voided = models.BooleanField(default=False, editable=False)
    # Free text that can name or describe the person: encrypted, here and in history.
    void_reason = EncryptedCharField(
        max_length=300, blank=True, editable=False, validators=[MaxLengthValidator(300)]
    )
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    voided_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=clock.now, editable=False)
    # Set on every save from the one clock (``save`` below), as auto_now would from the real one.
    updated_at = models.DateTimeField(default=clock.now, editable=False)
    # Optimistic concurrency: a save carrying an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    # Notes and referrals stay out of history so retention can erase them for good; change
    # reasons ("Voided: ...", a late edit's why) are kept, encrypted.
    history = HistoricalRecords(
        excluded_fields=CONFIDENTIAL_CONTACT_FIELDS,
        history_change_reason_field=EncryptedTextField(),
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        permissions = [("void_contact", "Can void a contact")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__lte=MAX_MINUTES), name="contact_minutes_in_range"
            ),
            models.CheckConstraint(
                condition=Q(voided=False) | Q(void_reason__isnull=False), name="void_needs_reason"
            ),
        ]
        # The listings' order, for everyone and per staff member: a page is read off the index
        # instead of sorting every contact (bench/backoffice.py, 100,000 contacts).
        indexes = [
            models.Index(fields=["-date", "-id"], name="contact_newest_first"),
            # The same listing within one organization (every read is scoped by it first).
            models.Index(fields=["organization", "-date", "-id"], name="contact_org_newest_first"),
            models.Index(fields=["staff", "-date", "-id"], name="contact_staff_newest_first"),
            # "Clients I served" (ClientQuerySet.served_by) for field staff's client listing.
            models.Index(fields=["staff", "client"], name="contact_staff_client"),
        ]

    def __str__(self):
        return f"Contact #{self.pk} on {formats.day(self.date)}"

    def save(self, *args, **kwargs):
        fields = kwargs.get("update_fields")
        if fields is None or "updated_at" in fields:
            self.updated_at = clock.now()
        super().save(*args, **kwargs)

    @property
    def client_label(self) -> str:
        return self.client.code if self.client_id else "Anonymous"

    def services_summary(self) -> str:
        return ", ".join(
            f"{cs.service.code} x{cs.times}" if cs.times > 1 else cs.service.code
            for cs in self.contact_services.all()
        )


class ContactService(models.Model):
    """A sub-service given in a contact, and how many times."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="contact_services")
    service = models.ForeignKey(SubService, on_delete=models.PROTECT, related_name="+")
    times = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["service__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["contact", "service"], name="one_row_per_service"),
            models.CheckConstraint(condition=Q(times__gte=1), name="service_times_positive"),
        ]

    def __str__(self):
        return f"{self.service.code} x{self.times}"
