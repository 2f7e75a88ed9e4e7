"""Reimbursement claims, the subrecipient's side: submit a claim for a period (round 1), resubmit
it after a send-back (a new round). Each runs in one transaction, locks the subaward (every claim
on it waits), checks against the locked figures and saves nothing on bad input.

The rules of a claim's period, in one place (``check_period``):
- it is a whole calendar month or quarter, as the subaward's ``claim_frequency`` says, cut to the
  subaward's period of performance (a claim for a month outside it is refused);
- it has started: a reimbursement claim is for costs already incurred, so a period that begins
  after today is refused (a period under way may be claimed for what it has cost so far);
- it is not closed: claims come in at most ``RULES.claim_deadline_days`` after the subaward's
  period ends (2 CFR 200.344(b)), and never once the state's award is closed out;
- one live claim per period: a second is refused while the first is not rejected.
"""

import calendar
import datetime as dt
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from voca.documents import validate_document
from voca.formats import day
from voca.money import round_cents
from voca.operations import field_text

from .. import permissions
from ..models import (
    Claim,
    ClaimDocument,
    ClaimLine,
    ClaimRound,
    ClaimStatus,
    Subaward,
    left_by_category,
)
from ..rules import RULES
from ..workflows import CLAIMS, ClaimFrequency
from .base import lock_subaward, money, now, reason_text, save, today, usd

ZERO = Decimal("0.00")


def period_of(frequency: str, start: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar month or quarter that begins on ``start``; a ValidationError on "period"
    when ``start`` does not begin one."""
    quarterly = frequency == ClaimFrequency.QUARTERLY
    if start.day != 1 or (quarterly and start.month % 3 != 1):
        what = "a quarter (1 January, 1 April, 1 July or 1 October)" if quarterly else "a month"
        raise ValidationError({"period": f"This subaward is claimed {frequency}: choose {what}."})
    last_month = start.month + 2 if quarterly else start.month
    end = start.replace(month=last_month, day=calendar.monthrange(start.year, last_month)[1])
    return start, end


def check_period(subaward: Subaward, version, start: dt.date, *, excluding=None):
    """The claim period beginning on ``start`` (cut to the subaward's period), or a
    ValidationError on "period" saying which rule refuses it (see the module's rules)."""
    if not isinstance(start, dt.date):
        raise ValidationError({"period": "Choose the period the claim is for."})
    start, end = period_of(subaward.claim_frequency, start)
    if end < version.period_start or start > version.period_end:
        raise ValidationError(
            {
                "period": f"The period is outside the subaward's period of performance "
                f"({day(version.period_start)} to {day(version.period_end)})."
            }
        )
    start, end = max(start, version.period_start), min(end, version.period_end)
    current = today()
    if start > current:
        raise ValidationError(
            {
                "period": f"The period has not started yet (it begins {day(start)}): a "
                "reimbursement claim is for costs already incurred."
            }
        )
    deadline = version.period_end + dt.timedelta(days=RULES.claim_deadline_days)
    if current > deadline or subaward.line.award.is_closed:
        raise ValidationError(
            {
                "period": f"Claims for this subaward closed on {day(deadline)} "
                f"({RULES.claim_deadline_days} days after its period ended): the period is closed."
            }
        )
    taken = Claim.objects.filter(subaward=subaward, period_start=start).exclude(
        status=ClaimStatus.REJECTED
    )
    if excluding is not None:
        taken = taken.exclude(pk=excluding)
    if taken.exists():
        raise ValidationError(
            {"period": "This period was already claimed: answer that claim instead of a new one."}
        )
    return start, end


def clean_lines(subaward: Subaward, lines: dict, *, excluding=None) -> dict[str, Decimal]:
    """{category: amount} asked for, each in the subaward's budget and within what is left on its
    category (other claims counted by ``models.left_by_category``); blank and zero lines dropped.
    Errors are on the category's field."""
    left = left_by_category(subaward, excluding=excluding)
    errors, cleaned = {}, {}
    for category, raw in (lines or {}).items():
        if raw in (None, "") or (not isinstance(raw, str) and raw == 0):
            continue
        try:
            amount = money(raw, field=category, allow_zero=True)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if amount == 0:
            continue
        if category not in left:
            errors[category] = "This cost category is not in the subaward's budget."
        elif amount > left[category]:
            errors[category] = (
                f"Only {usd(max(left[category], ZERO))} is left in this category of the "
                f"subaward; this claim asks for {usd(amount)}."
            )
        else:
            cleaned[category] = amount
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError({"__all__": "Claim an amount in at least one cost category."})
    return cleaned


def clean_documents(documents, *, required: bool) -> list[tuple[object, str]]:
    """[(upload, kind)] each a PDF or image within the size limit (``voca.documents``)."""
    documents = [d for d in (documents or []) if d]
    if required and not documents:
        raise ValidationError(
            {"documents": "Attach the supporting documents (receipts, payroll, invoices)."}
        )
    checked = []
    for upload in documents:
        try:
            checked.append((upload, validate_document(upload)))
        except ValidationError as error:
            raise ValidationError({"documents": error.messages}) from None
    return checked


def _store(actor, claim_round: ClaimRound, checked) -> None:
    """Keep the documents under a neutral name (the uploaded name may identify someone)."""
    extensions = {"PDF": "pdf", "PNG image": "png", "JPEG image": "jpg"}
    for upload, kind in checked:
        upload.name = f"{uuid.uuid4().hex}.{extensions[kind]}"
        ClaimDocument.objects.create(
            round=claim_round, file=upload, kind=kind, size=upload.size, uploaded_by=actor
        )


def _add_round(actor, claim: Claim, number, lines, match, note, checked, reason) -> ClaimRound:
    claim_round = ClaimRound(
        claim=claim, number=number, submitted_by=actor, match_provided=match, note=note
    )
    save(claim_round, actor, reason)
    for category, amount in lines.items():
        save(ClaimLine(round=claim_round, category=category, requested=amount), actor, reason)
    _store(actor, claim_round, checked)
    return claim_round


def _clean_inputs(subaward, lines, match_provided, note, documents, *, first, excluding=None):
    errors, cleaned = {}, {}
    for name, check in (
        ("lines", lambda: clean_lines(subaward, lines, excluding=excluding)),
        ("match", lambda: money(match_provided or "0", field="match_provided", allow_zero=True)),
        ("note", lambda: field_text(note, ClaimRound, "note", multiline=True)),
        ("documents", lambda: clean_documents(documents, required=first)),
    ):
        try:
            cleaned[name] = check()
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    return cleaned["lines"], cleaned["match"], cleaned["note"], cleaned["documents"]


@transaction.atomic
def submit_claim(
    actor, *, subaward_id, period_start, lines, match_provided="0", documents=(), note=""
) -> Claim:
    """A subrecipient's claim for the period beginning ``period_start``: its first round, by
    cost category (``lines``: {category: amount}), with the match provided and its documents."""
    subaward = lock_subaward(subaward_id)
    permissions.require(permissions.can_submit_claims(actor, subaward))
    version = subaward.current_version()
    errors = {}
    try:
        start, end = check_period(subaward, version, period_start)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        lines, match, note, checked = _clean_inputs(
            subaward, lines, match_provided, note, documents, first=True
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    claim = Claim(
        subaward=subaward,
        period_start=start,
        period_end=end,
        frequency=subaward.claim_frequency,
        status=ClaimStatus.SUBMITTED,
        submitted_by=actor,
        submitted_at=now(),
    )
    reason = f"Claim submitted: {usd(round_cents(sum(lines.values(), ZERO)))}"
    save(claim, actor, reason)
    _add_round(actor, claim, 1, lines, match, note, checked, reason)
    return claim


def lock_claim(claim_id) -> tuple[Subaward, Claim]:
    """The claim's subaward, then the claim, locked (every claim operation takes this order)."""
    subaward_id = Claim.objects.filter(pk=claim_id).values_list("subaward_id", flat=True).first()
    if subaward_id is None:
        raise ValidationError("That claim does not exist.")
    subaward = lock_subaward(subaward_id)
    return subaward, Claim.objects.select_for_update().get(pk=claim_id)


@transaction.atomic
def resubmit_claim(
    actor, *, claim_id, lines, match_provided="0", documents=(), note="", reason="Resubmitted"
) -> Claim:
    """Answer a send-back: a new round with its own lines, match and documents (the earlier
    rounds are kept as they were); the claim goes back to program approval."""
    subaward, claim = lock_claim(claim_id)
    decision = permissions.can_take_claim_step(actor, claim, "resubmit")
    if not decision:
        if permissions._own_agency(actor, subaward, permissions.AGENCY_FINANCE):
            raise ValidationError(decision.reason)
        permissions.require(decision)
    reason = reason_text(reason)
    lines, match, note, checked = _clean_inputs(
        subaward, lines, match_provided, note, documents, first=False, excluding=claim.pk
    )
    claim.round_number += 1
    claim.status = CLAIMS["resubmit"].target
    claim.submitted_by, claim.submitted_at = actor, now()
    claim.program_approved_by = claim.program_approved_at = None
    claim.finance_approved_by = claim.finance_approved_at = None
    claim.approved_total = None
    save(claim, actor, f"Round {claim.round_number}: {reason}")
    _add_round(actor, claim, claim.round_number, lines, match, note, checked, reason)
    return claim


@transaction.atomic
def set_claim_frequency(actor, *, subaward_id, frequency: str, reason: str) -> Subaward:
    """How often the subrecipient claims (the state's grants manager sets it, with why)."""
    permissions.require(permissions.can_make_subawards(actor))
    reason = reason_text(reason)
    subaward = lock_subaward(subaward_id)
    if frequency not in ClaimFrequency.values:
        raise ValidationError({"frequency": "Choose monthly or quarterly."})
    subaward.claim_frequency = frequency
    save(subaward, actor, reason)
    return subaward
