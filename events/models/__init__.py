"""Victim Service Days: where and when staff meet the public, and what help they bring.

One module per part of the vocabulary; every name stays importable as ``events.models.X``.
"""

from .day import ServiceDayPage, ServiceDayStaffing
from .index import PAGE_SIZE, ServiceDayIndexPage
from .places import Language, Location, Service
from .querysets import ServiceDayManager, ServiceDayQuerySet, attach_labels

__all__ = [
    "PAGE_SIZE",
    "Language",
    "Location",
    "Service",
    "ServiceDayIndexPage",
    "ServiceDayManager",
    "ServiceDayPage",
    "ServiceDayQuerySet",
    "ServiceDayStaffing",
    "attach_labels",
]
