"""Retention: identifiers of clients not seen for years are erased; every count stays."""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q

from services.models import Client
from voca import clock
from voca.clock import local_today
from voca.operations import save_with_history

logger = logging.getLogger(__name__)


@dataclass
class RetentionResult:
    cutoff: datetime.date
    dry_run: bool
    clients: int = 0
    names: int = 0
    phones: int = 0
    contact_notes: int = 0
    client_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        verb = "Would strip" if self.dry_run else "Stripped"
        return (
            f"{verb} identifiers of {self.clients} client(s) with no contact since "
            f"{self.cutoff:%Y-%m-%d}: {self.names} name(s), {self.phones} phone(s), "
            f"notes of {self.contact_notes} contact(s). Counts and demographics kept."
        )


def retention_cutoff(years: int, today: datetime.date | None = None) -> datetime.date:
    today = today or local_today()
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


@transaction.atomic
def strip_identifiers(
    *, years: int, dry_run: bool = False, actor=None, today: datetime.date | None = None
) -> RetentionResult:
    """Erase names, phones, referrals and notes of clients with no contact for ``years`` years.

    Contacts, their services and the clients' demographics stay, so every count is unchanged.
    """
    if years < 1:
        raise ValueError("Keep identifiers for at least one year.")
    cutoff = retention_cutoff(years, today)
    result = RetentionResult(cutoff=cutoff, dry_run=dry_run)
    stale_ids = list(
        Client.objects.last_contact_before(cutoff)
        .filter(identifiers_stripped_at__isnull=True)
        .values_list("pk", flat=True)
    )
    stale = Client.objects.filter(pk__in=stale_ids).order_by("pk")
    # PostgreSQL refuses FOR UPDATE with an aggregate, so lock the rows found, by id.
    for client in stale if dry_run else stale.select_for_update():
        # Encrypted columns answer only "empty?" (NULL): a contact with notes or referrals.
        contacts = list(client.contacts.filter(Q(notes__isnull=False) | Q(referrals__isnull=False)))
        result.clients += 1
        result.names += bool(client.first_name)
        result.phones += bool(client.phone)
        result.contact_notes += len(contacts)
        result.client_ids.append(client.pk)
        if dry_run:
            continue
        why = f"Retention: no contact for {years} years"
        for contact in contacts:
            contact.notes = ""
            contact.referrals = ""
            contact.version += 1
            save_with_history(contact, actor=actor, reason=why)
        # Empty values are stored as NULL: the ciphertext (and the phone's digest) are gone.
        client.first_name = ""
        client.phone = ""
        client.consent_scope = ""
        client.identifiers_stripped_at = clock.now()
        client.version += 1
        save_with_history(client, actor=actor, reason=why)
    logger.info(
        "retention %s: %d clients, %d names, %d phones, %d contact notes",
        "dry-run" if dry_run else "applied",
        result.clients,
        result.names,
        result.phones,
        result.contact_notes,
    )
    return result
