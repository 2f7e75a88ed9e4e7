"""The PMT's "Funding awards" table: which awards funded the period's contacts (grants.funding)."""

from collections import Counter

from voca.history import versions_as_of

from ..models import Award, ContactFunding

NO_AWARD = "No VOCA award (other funding, or no award open on the contact's date)"
NOT_RECORDED = "Funding award not recorded (logged before contacts carried one)"


def funding_rows(at, contact_ids: set[int]) -> list[tuple[str, int]]:
    """How many of the period's contacts each award funded, as recorded at the as-of moment
    (grants.funding). Two queries whatever the number of contacts and awards."""
    if not contact_ids:
        return []
    counts, seen = Counter(), set()
    funding = (
        versions_as_of(ContactFunding.history.model, at)
        .filter(contact_id__gte=min(contact_ids), contact_id__lte=max(contact_ids))
        .values_list("contact_id", "award_id")
    )
    for contact_id, award_id in funding.iterator(chunk_size=10000):
        if contact_id in contact_ids:
            counts[award_id] += 1
            seen.add(contact_id)
    awards = Award.objects.filter(pk__in=[a for a in counts if a]).lapsing_first()
    rows = [(a.federal_award_number, counts[a.pk]) for a in awards]
    if counts[None]:
        rows.append((NO_AWARD, counts[None]))
    if len(contact_ids) > len(seen):
        rows.append((NOT_RECORDED, len(contact_ids) - len(seen)))
    return rows


def funded_by(at, award_id: int) -> set[int]:
    """The contacts ``award_id`` funded, as recorded at ``at`` (each contact's latest link)."""
    return set(
        versions_as_of(ContactFunding.history.model, at)
        .filter(award_id=award_id)
        .values_list("contact_id", flat=True)
    )
