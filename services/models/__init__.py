"""Confidential contact logging: clients (pseudonymous), contacts, staffing and the access log.

Nothing here is indexed for Wagtail search and nothing carries revisions: these rows hold
victim-identifying data (28 CFR 94.115). Every write goes through ``services.operations``.

``clients.py`` the client, ``contacts.py`` the contact and the services given in it,
``staffing.py`` who works which service day, ``access.py`` the access log, ``querysets.py`` the
read rules; every name is importable from ``services.models``.
"""

# The reference lists live in services.reference; still importable from here.
from services.reference import (
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

from .access import AccessLog, AccessLogQuerySet
from .clients import (
    CLIENT_CODE_ALPHABET,
    CLIENT_CODE_LENGTH,
    CONFIDENTIAL_CLIENT_FIELDS,
    NOT_REPORTED,
    NOT_TRACKED,
    Client,
    new_client_code,
    normalize_client_code,
)
from .contacts import (
    CONFIDENTIAL_CONTACT_FIELDS,
    MAX_MINUTES,
    NOTES_MAX_LENGTH,
    Contact,
    ContactService,
)
from .querysets import ClientQuerySet, ContactQuerySet
from .staffing import StaffAssignment, current_service_day_for

__all__ = [
    "CLIENT_CODE_ALPHABET",
    "CLIENT_CODE_LENGTH",
    "CONFIDENTIAL_CLIENT_FIELDS",
    "CONFIDENTIAL_CONTACT_FIELDS",
    "MAX_MINUTES",
    "NOTES_MAX_LENGTH",
    "NOT_REPORTED",
    "NOT_TRACKED",
    "AccessLog",
    "AccessLogQuerySet",
    "AgeGroup",
    "Client",
    "ClientQuerySet",
    "Contact",
    "ContactQuerySet",
    "ContactService",
    "GenderIdentity",
    "RaceEthnicity",
    "ReferenceItem",
    "ReferenceQuerySet",
    "ServiceCategory",
    "SpecialClassification",
    "StaffAssignment",
    "SubService",
    "VictimizationType",
    "current_service_day_for",
    "new_client_code",
    "normalize_client_code",
]
