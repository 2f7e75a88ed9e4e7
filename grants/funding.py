"""Which award funded each contact: kept here because services never imports grants.

The program award for a contact is the award whose period of performance contains the
contact's date and whose money lapses first, among awards not closed out
(``Award.objects.funding_on``). Every staff member of the unit works on the one VOCA program, so
the program award depends on the date alone; contacts funded from other sources (``funding_source``
"other") carry no award. The link is set whenever a contact is saved (Django's ``post_save`` of
``services.Contact``, connected in ``GrantsConfig.ready``) and re-derived only when the recorded
award no longer fits (the date left its period, or the funding source changed); a closed-out
award keeps its contacts. Every change is a history row with the acting user, dated by the one
clock when it is set (``voca.clock.clock_at``), as ``save_with_history`` dates its rows.

The two writes here are the stated exceptions to "writes live in operations" (docs/house-style.md):
``record_funding`` because services may not import grants, and ``fill_missing`` because it is the
operator's backfill (the ``assign_contact_funding`` command and the demo), with no signed-in actor.
"""

from organizations.models import Organization
from services.models import Contact
from voca import clock

from .models import Award, ContactFunding

FUNDED = (Contact.Funding.VOCA, Contact.Funding.MATCH)


def program_award(contact: Contact) -> Award | None:
    if contact.funding_source not in FUNDED or contact.date is None:
        return None
    if contact.organization_id != Organization.objects.the_unit().pk:
        return None  # an agency's contacts are funded by its subaward, never the unit's program
    return Award.objects.funding_on(contact.date)


def _still_right(award: Award | None, contact: Contact) -> bool:
    """A recorded award stays while it still fits the contact; a closed award's stay for good."""
    if award is None:
        return contact.funding_source not in FUNDED
    if award.is_closed:
        return True
    return contact.funding_source in FUNDED and award.contains(contact.date)


def record_funding(sender, instance: Contact, created: bool = False, raw: bool = False, **kwargs):
    """Receiver of post_save(Contact): create or correct the contact's funding award."""
    if raw:  # fixtures load rows as they are
        return
    funding = None
    if not created:
        funding = ContactFunding.objects.select_related("award").filter(contact=instance).first()
    if funding is not None and _still_right(funding.award, instance):
        return
    award = program_award(instance)
    if funding is not None and funding.award_id == (award.pk if award else None):
        return
    if funding is None:
        funding = ContactFunding(contact=instance)
        why = "Logged: program award for the contact's date"
    else:
        why = "Contact's date or funding source changed: program award for the new date"
    funding.award = award
    funding._history_user = getattr(instance, "_history_user", None)
    funding._change_reason = why
    if clock.is_set():
        funding._history_date = clock.now()
    funding.save()


def fill_missing(*, actor=None, reason: str) -> dict[str, int]:
    """Give every VOCA or match contact without a funding award its program award, asking the
    one rule once per date; returns {award number or "no award": contacts linked}.

    For contacts logged before the links existed or before any award was open on their date
    (the demo logs its contacts first). Each new or changed link gets its history row with
    ``reason`` (``actor`` None: the command line). It is the operator's backfill, not a step of a
    signed-in user's, so it is no operation: the one rule it asks is ``Award.objects.funding_on``,
    the same as ``record_funding``'s, and it writes in bulk (the demo links every contact at
    once)."""
    from simple_history.utils import bulk_create_with_history

    awards: dict = {}
    unit = Organization.objects.the_unit().pk

    def award_on(contact):
        if contact.funding_source not in FUNDED or contact.organization_id != unit:
            return None
        if contact.date not in awards:
            awards[contact.date] = Award.objects.funding_on(contact.date)
        return awards[contact.date]

    counts: dict[str, int] = {}

    def count(award):
        key = award.federal_award_number if award else "no award"
        counts[key] = counts.get(key, 0) + 1

    new = []
    for contact in Contact.objects.filter(funding__isnull=True).only(
        "pk", "date", "funding_source", "organization_id"
    ):
        new.append(ContactFunding(contact=contact, award=award_on(contact)))
        count(new[-1].award)
    dated = clock.now() if clock.is_set() else None
    bulk_create_with_history(
        new, ContactFunding, default_user=actor, default_change_reason=reason, default_date=dated
    )
    unfunded = ContactFunding.objects.filter(
        award__isnull=True, contact__funding_source__in=FUNDED
    ).select_related("contact")
    for link in unfunded:
        link.award = award_on(link.contact)
        if link.award is not None:
            link._history_user, link._change_reason = actor, reason
            if dated:
                link._history_date = dated
            link.save()
            count(link.award)
    return counts
