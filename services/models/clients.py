"""The client: a person served, known by a pseudonymous code; a name or phone only with consent."""

import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from simple_history.models import HistoricalRecords

from organizations.models import Organization
from services.reference import AgeGroup, GenderIdentity, RaceEthnicity, SpecialClassification
from voca import clock
from voca.clock import local_today
from voca.crypto import EncryptedCharField, EncryptedTextField, LookupDigestField

from .querysets import ClientQuerySet

# Short enough to read aloud, no look-alikes (0/O, 1/I/L, 5/S, 2/Z, 8/B).
CLIENT_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CLIENT_CODE_LENGTH = 8


def new_client_code() -> str:
    return "".join(secrets.choice(CLIENT_CODE_ALPHABET) for _ in range(CLIENT_CODE_LENGTH))


def normalize_client_code(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch.isalnum())


NOT_REPORTED = "not_reported"
NOT_TRACKED = "not_tracked"


# Fields that can identify a victim: encrypted, out of history, erased by retention.
CONFIDENTIAL_CLIENT_FIELDS = ["first_name", "phone", "phone_digest", "consent_scope"]


class Client(models.Model):
    """A person served, known by a code; a name or phone only with recorded consent."""

    code = models.CharField(max_length=CLIENT_CODE_LENGTH, unique=True, editable=False)
    # Whose client: set by the operation from the acting user's organization, never from a form.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", editable=False
    )
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
    created_at = models.DateTimeField(default=clock.now, editable=False)
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
        # Every listing, chooser and search is scoped to one organization first.
        indexes = [models.Index(fields=["organization", "code"], name="client_org_code")]

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
