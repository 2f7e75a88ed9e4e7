"""Contacts and clients as they stood at a past moment, read from their history tables.

The PMT and any other report that must come out the same next year read through these, never the
live tables: a contact's services and victimizations and a client's special classifications are
kept on the record itself as code lists (written by ``operations`` with the ``format_*``
functions here, read back with the ``parse_*`` ones), so one history row holds the whole state of
the record at that moment.
"""

import datetime as dt
from collections.abc import Collection, Iterable, Iterator

from voca.history import versions_as_of

from .models import Client, Contact


def format_codes(codes: Iterable[str]) -> str:
    """Victimization or classification codes as kept on a record: sorted, comma-separated."""
    return ", ".join(sorted(set(codes)))


def format_service_codes(given: Iterable[tuple[str, int]]) -> str:
    """(code, times) pairs as kept on a contact: ``"A1, C1x2"`` ("x<times>" from two on)."""
    return ", ".join(f"{code}x{times}" if times > 1 else code for code, times in given)


def parse_codes(text: str | None) -> list[str]:
    """``"robbery, stalking_harassment"`` -> ``["robbery", "stalking_harassment"]``."""
    return [code for code in (part.strip() for part in (text or "").split(",")) if code]


def parse_service_codes(text: str | None, known: Collection[str] = ()) -> dict[str, int]:
    """``"A1, C1x2"`` -> ``{"A1": 1, "C1": 2}``: a sub-service code and how many times.

    ``known`` (every sub-service code) keeps a code that itself ends in "x" and digits whole:
    operations write the "x<times>" suffix only for two or more.
    """
    given = {}
    for item in parse_codes(text):
        code, sep, times = item.rpartition("x")
        if item not in known and sep and code and times.isdigit():
            given[code] = given.get(code, 0) + int(times)
        else:
            given[item] = given.get(item, 0) + 1
    return given


def contacts_as_of(at: dt.datetime, start: dt.date, end: dt.date, *, organization_id: int):
    """One organization's contacts dated start..end that were not voided at ``at``, as they
    stood then (a report counts one organization's contacts: the unit's never include an
    agency's).

    Rows of (id, date, client id, compensation help, service codes, victimization codes).
    """
    return (
        versions_as_of(Contact.history.model, at)
        .filter(organization_id=organization_id, voided=False, date__gte=start, date__lte=end)
        .values_list(
            "id", "date", "client_id", "compensation_help", "service_codes", "victimization_codes"
        )
    )


def clients_as_of(at: dt.datetime, ids: Iterable[int]) -> Iterator[tuple]:
    """(id, race, gender, age, [special classification codes]) of the clients ``ids`` at ``at``."""
    wanted = set(ids)
    if not wanted:
        return
    rows = (
        versions_as_of(Client.history.model, at)
        .filter(id__gte=min(wanted), id__lte=max(wanted))
        .values_list(
            "id",
            "race_ethnicity_id",
            "gender_identity_id",
            "age_group_id",
            "special_classification_codes",
        )
        .iterator(chunk_size=10000)
    )
    for pk, race, gender, age, codes in rows:
        if pk in wanted:
            yield pk, race, gender, age, parse_codes(codes)
