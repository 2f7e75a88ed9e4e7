"""Confidential contact logging: clients (pseudonymous), contacts, staffing and the access log.

Nothing here is indexed for Wagtail search and nothing carries revisions: these rows hold
victim-identifying data (28 CFR 94.115). Every write goes through ``services.operations``.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from events.models import ServiceDayPage

# The reference lists live in services.reference; still importable from here.
from services.reference import (  # noqa: F401
    AgeGroup,
    GenderIdentity,
    RaceEthnicity,
    ReferenceItem,
    ReferenceQuerySet,
    ServiceCategory,
    SpecialClassification,
    SubService,
    VictimizationType,
)
from voca import formats
from voca.clock import local_today
from voca.crypto import EncryptedCharField, EncryptedTextField, LookupDigestField, lookup_digests

# Short enough to read aloud, no look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B).
CLIENT_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CLIENT_CODE_LENGTH = 8
NOTES_MAX_LENGTH = 2000
MAX_MINUTES = 600


def new_client_code() -> str:
    return "".join(secrets.choice(CLIENT_CODE_ALPHABET) for _ in range(CLIENT_CODE_LENGTH))


def normalize_client_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


NOT_REPORTED = "not_reported"
NOT_TRACKED = "not_tracked"


# --- Clients -------------------------------------------------------------------------------


# Fields that can identify a victim: encrypted, out of history, erased by retention.
CONFIDENTIAL_CLIENT_FIELDS = ["first_name", "phone", "phone_digest", "consent_scope"]
CONFIDENTIAL_CONTACT_FIELDS = ["notes", "referrals"]


class ClientQuerySet(models.QuerySet):
    def with_phone(self, phone: str):
        """Clients whose recorded phone is exactly ``phone`` (matched on keyed digests)."""
        return self.filter(phone_digest__in=lookup_digests(phone.strip()))

    def served_by(self, user):
        """Clients ``user`` registered or logged a contact with (a semi-join read off the
        contact_staff_client index: no join, no DISTINCT, at 100,000 contacts)."""
        served = Contact.objects.filter(client=models.OuterRef("pk"), staff=user)
        return self.filter(Q(created_by=user) | models.Exists(served))

    def last_contact_before(self, day: datetime.date):
        """Clients whose most recent contact (or creation, when never served) is before ``day``."""
        return self.annotate(last_contact=models.Max("contacts__date")).filter(
            Q(last_contact__lt=day) | Q(last_contact__isnull=True, created_at__date__lt=day)
        )


class Client(models.Model):
    """A person served, known by a code; a name or phone only with recorded consent."""

    code = models.CharField(max_length=CLIENT_CODE_LENGTH, unique=True, editable=False)
    # Identifying fields: blank unless the client consented; stripped by retention; encrypted
    # with the agency's keys (voca.crypto), so the database and its backups hold ciphertext only.
    first_name = EncryptedCharField(
        "first name or initials", max_length=60, blank=True, validators=[MaxLengthValidator(60)]
    )
    phone = EncryptedCharField(max_length=30, blank=True, validators=[MaxLengthValidator(30)])
    # For an exact search by phone (Client.objects.with_phone), never the number itself.
    phone_digest = LookupDigestField(source="phone")
    consent_given_on = models.DateField(null=True, blank=True)
    consent_scope = EncryptedCharField(
        max_length=200,
        blank=True,
        help_text="What the client agreed to, e.g. 'call back about compensation claim'.",
    )
    consent_expires_on = models.DateField(null=True, blank=True)
    race_ethnicity = models.ForeignKey(RaceEthnicity, on_delete=models.PROTECT, related_name="+")
    gender_identity = models.ForeignKey(GenderIdentity, on_delete=models.PROTECT, related_name="+")
    age_group = models.ForeignKey(AgeGroup, on_delete=models.PROTECT, related_name="+")
    special_classifications = models.ManyToManyField(SpecialClassification, blank=True)
    # Written by operations from the links above so that history shows them as of any moment
    # (the PMT reads it).
    special_classification_codes = models.TextField(blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    identifiers_stripped_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    # Names, phones (and their digest) and the consent scope (free text) never enter history:
    # retention must be able to erase them for good.
    # Reasons are free text ("Client told us their age"): encrypted like the fields above.
    history = HistoricalRecords(
        excluded_fields=CONFIDENTIAL_CLIENT_FIELDS,
        history_change_reason_field=EncryptedTextField(),
    )

    objects = ClientQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"Client {self.code}"

    @property
    def has_consent(self) -> bool:
        today = local_today()
        return bool(
            self.consent_given_on
            and (self.consent_expires_on is None or self.consent_expires_on >= today)
        )

    @property
    def consent_expired(self) -> bool:
        """Consent was given and has run out: it must be renewed before identifiers show again."""
        return bool(self.consent_given_on) and not self.has_consent


# --- Staffing ------------------------------------------------------------------------------


class StaffAssignment(models.Model):
    """Which staff member works which service day (internal; the public sees roles only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="service_day_assignments"
    )
    service_day = models.ForeignKey(
        ServiceDayPage, on_delete=models.CASCADE, related_name="staff_assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "service day staffing"
        verbose_name_plural = "service day staffing"
        constraints = [
            models.UniqueConstraint(fields=["user", "service_day"], name="one_assignment_per_day")
        ]

    def __str__(self):
        return f"Staffing #{self.pk}"


def current_service_day_for(user, day: datetime.date | None = None):
    """The service day ``user`` is staffed on for ``day`` (today by default), if any."""
    day = day or local_today()
    return (
        ServiceDayPage.objects.days()
        .filter(staff_assignments__user=user, date=day)
        .exclude(status=ServiceDayPage.Status.CANCELLED)
        .order_by("start_time")
        .first()
    )


# --- Contacts ------------------------------------------------------------------------------


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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
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
            models.Index(fields=["staff", "-date", "-id"], name="contact_staff_newest_first"),
            # "Clients I served" (ClientQuerySet.served_by) for field staff's client listing.
            models.Index(fields=["staff", "client"], name="contact_staff_client"),
        ]

    def __str__(self):
        return f"Contact #{self.pk} on {formats.day(self.date)}"

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


# --- Access log ----------------------------------------------------------------------------


class AccessLogQuerySet(models.QuerySet):
    """Bulk writes skip the row guards below, so the queryset refuses them too."""

    def update(self, **kwargs):
        raise ValidationError("The access log is append-only.")

    def delete(self):
        raise ValidationError("The access log is append-only.")


class AccessLog(models.Model):
    """Append-only: who read which confidential record, when, from where."""

    class Action(models.TextChoices):
        INSPECT = "inspect", "Inspect"
        EDIT = "edit", "Open for editing"
        HISTORY = "history", "History"
        EXPORT = "export", "Export"
        LOOKUP = "lookup", "Client code lookup"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    record_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log entries"

    def __str__(self):
        return f"Access #{self.pk}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The access log is append-only.")

    @property
    def record_label(self) -> str:
        """What was read, as staff name it: the client code or "Contact #302 on 1 Dec 2026"."""
        cached = getattr(self, "_record_label", None)
        if cached is None:
            AccessLog.label_records([self])
            cached = self._record_label
        return cached

    @staticmethod
    def label_records(entries) -> None:
        """Set ``record_label`` on each entry, with one query per kind of record read."""
        by_type: dict[str, set[int]] = {}
        for entry in entries:
            if entry.record_id.isdigit():
                by_type.setdefault(entry.record_type, set()).add(int(entry.record_id))
        labels = {}
        if by_type.get("services.Client"):
            ids = by_type["services.Client"]
            for pk, code in Client.objects.filter(pk__in=ids).values_list("pk", "code"):
                labels["services.Client", pk] = f"Client {code}"
        if by_type.get("services.Contact"):
            for contact in Contact.objects.filter(pk__in=by_type["services.Contact"]).only("date"):
                labels["services.Contact", contact.pk] = str(contact)
        for entry in entries:
            key = (entry.record_type, int(entry.record_id) if entry.record_id.isdigit() else None)
            kind = {"services.Client": "Clients", "services.Contact": "Contacts"}
            many = f"{kind.get(entry.record_type, 'Records')} (a listing or export)"
            fallback = many if not entry.record_id else "A record no longer there"
            entry._record_label = labels.get(key, fallback)
