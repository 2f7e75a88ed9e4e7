"""The organizations the system serves, and whose people belong to which.

The unit (the state's crime-victim services unit) is one organization; each local agency it funds by
subaward (a subrecipient) is another. Every client, contact, access-log entry, staffing and report
file belongs to exactly one organization, and a person works for exactly one: an agency's victims'
data never reaches the state (28 CFR 94.115).
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from voca.clock import now
from voca.documents import private_storage

# SAM.gov's Unique Entity ID: 12 characters, capital letters and digits; SAM never uses the letters
# I and O (read as 1 and 0), and the first character is never 0.
UEI_PATTERN = re.compile(r"^[1-9A-HJ-NP-Z][0-9A-HJ-NP-Z]{11}$")


def normalize_uei(raw: str) -> str:
    return "".join((raw or "").split()).upper()


def validate_uei(value: str) -> None:
    """A UEI is 12 letters and digits as SAM.gov issues them; say exactly what is wrong."""
    uei = normalize_uei(value)
    if len(uei) != 12:
        raise ValidationError(
            "A UEI has exactly 12 characters (this has %(n)d).",
            params={"n": len(uei)},
            code="length",
        )
    if not uei.isalnum() or not uei.isascii():
        raise ValidationError("A UEI has only letters A to Z and digits 0 to 9.", code="characters")
    if "I" in uei or "O" in uei:
        raise ValidationError(
            "A UEI never has the letters I or O (SAM.gov does not use them): check for 1 or 0.",
            code="letters",
        )
    if uei[0] == "0":
        raise ValidationError("A UEI never starts with 0.", code="leading_zero")
    if not UEI_PATTERN.match(uei):  # pragma: no cover - the checks above say why first
        raise ValidationError("This is not a UEI as SAM.gov issues them.", code="invalid")


class OrganizationKind(models.TextChoices):
    UNIT = "unit", "The unit (pass-through entity)"
    SUBRECIPIENT = "subrecipient", "Subrecipient"


class OvcOrganizationType(models.TextChoices):
    """OVC's organization types (the SAR and the PMT's subgrantee profile)."""

    GOVERNMENT_LAW_ENFORCEMENT = "gov_law_enforcement", "Government: law enforcement"
    GOVERNMENT_PROSECUTOR = "gov_prosecutor", "Government: prosecutor"
    GOVERNMENT_COURTS = "gov_courts", "Government: courts"
    GOVERNMENT_CORRECTIONS = "gov_corrections", "Government: corrections"
    GOVERNMENT_PROBATION = "gov_probation", "Government: probation, parole"
    GOVERNMENT_OTHER_CJ = "gov_other_cj", "Government: other criminal justice"
    GOVERNMENT_NON_CJ = "gov_non_cj", "Government: non-criminal justice (e.g. social services)"
    GOVERNMENT_HOSPITAL = "gov_hospital", "Government: hospital or medical facility"
    NONPROFIT_DOMESTIC_VIOLENCE = "np_domestic_violence", "Nonprofit: domestic and family violence"
    NONPROFIT_SEXUAL_ASSAULT = "np_sexual_assault", "Nonprofit: sexual assault"
    NONPROFIT_CHILD_ABUSE = (
        "np_child_abuse",
        "Nonprofit: child abuse services (e.g. child advocacy center)",
    )
    NONPROFIT_MULTISERVICE = "np_multiservice", "Nonprofit: multiservice agency"
    NONPROFIT_LEGAL = "np_legal", "Nonprofit: legal services"
    NONPROFIT_UNDERSERVED = "np_underserved", "Nonprofit: by and for an underserved community"
    NONPROFIT_FAITH = "np_faith", "Nonprofit: faith-based organization"
    NONPROFIT_OTHER = "np_other", "Nonprofit: other"
    TRIBAL = "tribal", "Federally recognized tribal government"
    CAMPUS = "campus", "Campus"
    STATE_AGENCY = "state_agency", "State agency"


class OrganizationQuerySet(models.QuerySet):
    def subrecipients(self):
        return self.filter(kind=OrganizationKind.SUBRECIPIENT)

    def the_unit(self) -> "Organization":
        """The unit itself: exactly one organization is the unit (a database constraint)."""
        return self.get(kind=OrganizationKind.UNIT)


class Organization(models.Model):
    kind = models.CharField(max_length=16, choices=OrganizationKind.choices)
    legal_name = models.CharField(
        max_length=200, help_text="As registered in SAM.gov (the subaward and SAR print it)."
    )
    short_name = models.CharField(max_length=60, blank=True, help_text="How staff call it.")
    uei = models.CharField(
        "UEI",
        max_length=12,
        blank=True,
        help_text="SAM.gov Unique Entity ID: 12 letters and digits.",
    )
    ovc_type = models.CharField(
        "OVC organization type", max_length=32, choices=OvcOrganizationType.choices, blank=True
    )
    street = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True, default="MO")
    zip_code = models.CharField("ZIP code", max_length=10, blank=True)
    congressional_district = models.CharField(
        max_length=5, blank=True, help_text='Place of performance for FFATA, e.g. "MO-01".'
    )
    service_area = models.TextField(
        blank=True, help_text="Counties and cities served, one per line."
    )
    contact_name = models.CharField("point of contact", max_length=120, blank=True)
    contact_title = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=now, editable=False)

    history = HistoricalRecords()
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "legal_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="unit"), name="organization_one_unit"
            ),
            models.UniqueConstraint(
                fields=["uei"], condition=~Q(uei=""), name="organization_uei_unique"
            ),
        ]

    def __str__(self):
        return self.short_name or self.legal_name

    @property
    def is_unit(self) -> bool:
        return self.kind == OrganizationKind.UNIT

    @property
    def service_area_list(self) -> list[str]:
        return [line.strip() for line in self.service_area.splitlines() if line.strip()]

    @property
    def address_lines(self) -> list[str]:
        city_line = " ".join(
            p for p in (f"{self.city}," if self.city else "", self.state, self.zip_code) if p
        )
        return [line for line in (self.street, city_line.strip()) if line]


class Membership(models.Model):
    """The one organization a staff account works for. An account with no row works for the unit
    (every account made before organizations existed, and every account the state's administrator
    adds)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="membership",
    )
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="members")
    added_at = models.DateTimeField(default=now, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"membership of user #{self.user_id}"


class ExclusionResult(models.TextChoices):
    NOT_EXCLUDED = "not_excluded", "Not excluded: no active exclusion in SAM.gov"
    EXCLUDED = "excluded", "Excluded: an active exclusion record in SAM.gov"


class ExclusionCheck(models.Model):
    """The SAM.gov exclusion check made before a subaward (2 CFR 200.332(a), 2024 revision).

    Rows are only added: a newer check is a new row."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="exclusion_checks"
    )
    checked_on = models.DateField(help_text="The day SAM.gov was searched.")
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(max_length=16, choices=ExclusionResult.choices)
    evidence = models.FileField(
        "evidence",
        storage=private_storage,
        upload_to="exclusion-checks/%Y/",
        help_text="The SAM.gov search result, saved as a PDF or image.",
    )
    recorded_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["-checked_on", "-id"]
        get_latest_by = ["checked_on", "id"]

    def __str__(self):
        return f"exclusion check #{self.pk}"
