"""Which award funded each contact: kept here because services never imports grants.

The program award for a contact is the award whose period of performance contains the
contact's date and whose money lapses first, among awards not closed out
(``Award.objects.funding_on``). Every staff member of the unit works on the one VOCA program, so
the program award depends on the date alone; contacts funded from other sources (``funding_source``
"other") carry no award. The link is set whenever a contact is saved (Django's ``post_save`` of
``services.Contact``, connected in ``GrantsConfig.ready``), re-derived when its date or funding
source changes, and every change is a history row with the acting user.
"""

from services.models import Contact

from .models import Award, ContactFunding

FUNDED = (Contact.Funding.VOCA, Contact.Funding.MATCH)


def program_award(contact: Contact) -> Award | None:
    if contact.funding_source not in FUNDED or contact.date is None:
        return None
    return Award.objects.funding_on(contact.date)


def record_funding(sender, instance: Contact, created: bool = False, raw: bool = False, **kwargs):
    """Receiver of post_save(Contact): create or correct the contact's funding award."""
    if raw:  # fixtures load rows as they are
        return
    award = program_award(instance)
    funding = None if created else ContactFunding.objects.filter(contact=instance).first()
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
    funding.save()
