"""The only writers of money. Admin views, commands, the demo and tests all call these.

Every operation runs in one transaction, locks the award and then the line(s) it touches in a fixed
order (award, then lines by primary key, then the draw; budget changes take the award exclusively,
draws share it and take their line exclusively), validates against the locked rows, records
the acting user and a reason in django-simple-history, and raises ``ValidationError`` with a message
meant for the person at the keyboard. On PostgreSQL the locks are row locks; on SQLite the settings
open every transaction with BEGIN IMMEDIATE, so writers are serialized.
"""

import contextlib
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone

from voca.money import parse_money, round_cents
from voca.text import clean_text, model_max_length

from . import permissions
from .models import (
    CENT,
    REASON_MAX,
    ZERO,
    Award,
    BudgetLine,
    BudgetRevision,
    Draw,
    DrawStatus,
    MatchContribution,
    MatchKind,
    RevisionStatus,
)

MAX_AMOUNT = Decimal("999999999999.99")

_clock_override: list[dt.datetime] = []


def now() -> dt.datetime:
    return _clock_override[-1] if _clock_override else timezone.now()


@contextlib.contextmanager
def clock_at(moment: dt.datetime) -> Iterator[None]:
    """Record operations as happening at ``moment``: for the demo's past months and for tests."""
    _clock_override.append(moment)
    try:
        yield
    finally:
        _clock_override.pop()


# --- validation helpers -------------------------------------------------------------------------


def money(value, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """An amount of dollars: typed text goes through voca.money; above zero, whole cents."""
    try:
        if isinstance(value, str):
            amount = parse_money(value, allow_negative=True)  # the sign is refused below
        else:
            amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: "Enter an amount in dollars, such as 1250.00."}) from None
    if not amount.is_finite():
        raise ValidationError({field: "Enter an amount in dollars, such as 1250.00."})
    if amount > MAX_AMOUNT:
        raise ValidationError({field: "That amount is too large."})
    if amount != amount.quantize(CENT, rounding="ROUND_DOWN"):
        raise ValidationError({field: "Amounts have at most two decimals (whole cents)."})
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError({field: "The amount must be more than $0.00."})
    return amount.quantize(CENT)


def _reason(reason: str, field: str = "reason") -> str:
    reason = clean_text(reason, field=field, max_length=REASON_MAX)
    if not reason:
        raise ValidationError({field: "Give a reason: it is kept in the audit trail."})
    return reason


def _text(value, model, field: str, *, multiline: bool = False) -> str:
    """A text field of ``model`` cleaned by voca.text, within the model's own max_length."""
    return clean_text(
        value, field=field, max_length=model_max_length(model, field), multiline=multiline
    )


def _usd(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def _save(obj, actor, reason: str) -> None:
    obj._history_user = actor
    obj._change_reason = reason
    if _clock_override:
        obj._history_date = now()
    # Field rules (lengths, choices); related rows were locked above and CHECKs back the rest.
    obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.is_relation])
    obj.save()


def _lock_award(award_id, *, shared: bool = False) -> Award:
    """Lock the award row: exclusively to change its budget, shared to charge one of its lines.

    Draws on different lines then run in parallel, while a budget change waits for them (and
    they for it). SQLite has no row locks; its IMMEDIATE transactions serialize every writer.
    """
    if shared and connection.vendor == "postgresql":
        sql = "SELECT * FROM grants_award WHERE id = %s FOR SHARE"
        found = list(Award.objects.raw(sql, [award_id]))
        if found:
            return found[0]
    else:
        found = Award.objects.select_for_update().filter(pk=award_id).first()
        if found:
            return found
    raise ValidationError("That award does not exist.")


def _lock_lines(award: Award, *line_ids) -> dict[int, BudgetLine]:
    ids = sorted({i for i in line_ids if i is not None})
    lines = {
        line.pk: line
        for line in BudgetLine.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    for line_id in ids:
        if line_id not in lines or lines[line_id].award_id != award.pk:
            raise ValidationError({"line": "Choose a budget line of this award."})
    return lines


def _lock_draw(draw_id, other_line_id=None) -> tuple[Award, dict[int, BudgetLine], Draw]:
    """Lock in the fixed order award -> lines -> draw, reading the draw's keys first unlocked."""
    try:
        keys = Draw.objects.values("award_id", "line_id").get(pk=draw_id)
    except Draw.DoesNotExist:
        raise ValidationError("That draw does not exist.") from None
    award = _lock_award(keys["award_id"], shared=True)
    lines = _lock_lines(award, keys["line_id"], other_line_id)
    draw = Draw.objects.select_for_update().get(pk=draw_id)
    if draw.line_id != keys["line_id"]:  # moved to another line before we got the locks
        raise ValidationError("This draw changed meanwhile; please try again.")
    return award, lines, draw


def _line_spent_and_committed(line: BudgetLine) -> Decimal:
    return line.draws.used_total()


def _budgeted(award: Award) -> Decimal:
    return award.lines.aggregate(s=Sum("amount"))["s"] or ZERO


def _check_fits(line: BudgetLine, amount: Decimal) -> None:
    available = line.amount - _line_spent_and_committed(line)
    if amount > available:
        raise ValidationError(
            {
                "amount": f"Only {_usd(max(available, ZERO))} remains on this budget line "
                f"({line.description}); this draw is {_usd(amount)}."
            }
        )


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


# --- award and budget ---------------------------------------------------------------------------


@transaction.atomic
def create_award(
    *,
    actor,
    federal_award_number: str,
    administering_agency: str,
    federal_fiscal_year: int,
    total_amount,
    period_start: dt.date,
    period_end: dt.date,
    reason: str,
    funder: str | None = None,
    match_rate: Decimal = Decimal("0.2000"),
    match_waiver_percent: Decimal = ZERO,
    match_waiver_reference: str = "",
    indirect_cost_rate: Decimal | None = None,
) -> Award:
    permissions.require(permissions.can_create_award(actor))
    reason = _reason(reason)
    total = money(total_amount, "total_amount")
    errors = {}
    if period_end <= period_start:
        errors["period_end"] = "The period of performance must end after it starts."
    rates = _rates(
        match_rate=match_rate,
        match_waiver_percent=match_waiver_percent,
        indirect_cost_rate=indirect_cost_rate,
        errors=errors,
    )
    if errors:
        raise ValidationError(errors)
    match_rate, match_waiver_percent, indirect_cost_rate = rates
    federal_award_number = _text(federal_award_number, Award, "federal_award_number")
    administering_agency = _text(administering_agency, Award, "administering_agency")
    match_waiver_reference = _text(match_waiver_reference, Award, "match_waiver_reference")
    funder = _text(funder, Award, "funder")
    if Award.objects.filter(federal_award_number=federal_award_number).exists():
        raise ValidationError(
            {"federal_award_number": "An award with this federal award number already exists."}
        )
    award = Award(
        federal_award_number=federal_award_number,
        administering_agency=administering_agency,
        federal_fiscal_year=federal_fiscal_year,
        total_amount=total,
        period_start=period_start,
        period_end=period_end,
        match_rate=match_rate,
        match_waiver_percent=match_waiver_percent,
        match_waiver_reference=match_waiver_reference,
        indirect_cost_rate=indirect_cost_rate,
    )
    if funder:
        award.funder = funder
    _save(award, actor, reason)
    return award


def _rates(*, match_rate, match_waiver_percent, indirect_cost_rate, errors):
    """The award's rates as Decimals in their ranges (commands and tests call without a form)."""

    def number(name, value, ok, message, places):
        # Checked as stored: the columns keep ``places`` decimals, so more would be rounded.
        try:
            value = Decimal(str(value))
        except (InvalidOperation, ValueError, TypeError):
            value = None
        if value is None or not value.is_finite() or not ok(value):
            errors[name] = message
        elif value != value.quantize(Decimal(1).scaleb(-places)):
            errors[name] = f"Use at most {places} decimal places."
        return value

    rate = number(
        "match_rate",
        match_rate,
        lambda v: 0 <= v < 1,
        "The required match is a share of total project cost from 0 to less than 1, e.g. 0.20.",
        4,
    )
    waiver = number(
        "match_waiver_percent",
        match_waiver_percent,
        lambda v: 0 <= v <= 100,
        "The match waived is a percentage from 0 to 100.",
        2,
    )
    indirect = None
    if indirect_cost_rate not in (None, ""):
        indirect = number(
            "indirect_cost_rate",
            indirect_cost_rate,
            lambda v: 0 <= v <= 100,
            "The indirect cost rate is a percentage from 0 to 100.",
            2,
        )
    return rate, waiver, indirect


@transaction.atomic
def add_budget_line(
    *, actor, award_id, category: str, program: str, description: str, amount, reason: str
) -> BudgetLine:
    """A new line of the approved budget; all lines together never exceed the award."""
    permissions.require(permissions.can_add_budget_line(actor))
    reason = _reason(reason)
    amount = money(amount, allow_zero=True)
    program = _text(program, BudgetLine, "program")
    description = _text(description, BudgetLine, "description")
    award = _lock_award(award_id)
    unbudgeted = award.total_amount - _budgeted(award)
    if amount > unbudgeted:
        raise ValidationError(
            {
                "amount": f"The budget lines would exceed the award: only {_usd(unbudgeted)} "
                "of the award is not yet budgeted."
            }
        )
    line = BudgetLine(
        award=award, category=category, program=program, description=description, amount=amount
    )
    _save(line, actor, reason)
    return line


@transaction.atomic
def request_revision(*, actor, award_id, from_line_id, to_line_id, amount, reason: str):
    permissions.require(permissions.can_request_revision(actor))
    reason = _reason(reason)
    amount = money(amount)
    if from_line_id is not None and from_line_id == to_line_id:
        raise ValidationError({"to_line": "Choose two different budget lines."})
    award = _lock_award(award_id)
    lines = _lock_lines(award, from_line_id, to_line_id)
    _check_revision_fits(award, lines.get(from_line_id), amount)
    revision = BudgetRevision(
        award=award,
        from_line=lines.get(from_line_id),
        to_line=lines[to_line_id],
        amount=amount,
        reason=reason,
        requested_by=actor,
        requested_at=now(),
    )
    _save(revision, actor, reason)
    return revision


def _check_revision_fits(award: Award, from_line: BudgetLine | None, amount: Decimal) -> None:
    if from_line is None:
        unbudgeted = award.total_amount - _budgeted(award)
        if amount > unbudgeted:
            raise ValidationError(
                {"amount": f"Only {_usd(unbudgeted)} of the award is not yet budgeted."}
            )
        return
    used = _line_spent_and_committed(from_line)
    if from_line.amount - amount < used:
        raise ValidationError(
            {
                "amount": f"This would push '{from_line.description}' below what is already spent "
                f"or committed on it ({_usd(used)}); at most {_usd(from_line.amount - used)} "
                "can move."
            }
        )


@transaction.atomic
def approve_revision(*, actor, revision_id, reason: str = "Approved") -> BudgetRevision:
    permissions.require(permissions.can_decide_revision(actor))
    revision, award, lines = _lock_revision(revision_id, actor)
    reason = _reason(reason)
    from_line = lines.get(revision.from_line_id)
    to_line = lines[revision.to_line_id]
    _check_revision_fits(award, from_line, revision.amount)
    note = f"Budget revision #{revision.pk}: {reason}"
    if from_line is not None:
        from_line.amount -= revision.amount
        _save(from_line, actor, note)
    to_line.amount += revision.amount
    _save(to_line, actor, note)
    revision.status = RevisionStatus.APPROVED
    revision.decided_by, revision.decided_at, revision.decision_reason = actor, now(), reason
    _save(revision, actor, f"Approved: {reason}")
    return revision


@transaction.atomic
def reject_revision(*, actor, revision_id, reason: str) -> BudgetRevision:
    permissions.require(permissions.can_decide_revision(actor))
    reason = _reason(reason)
    revision, _award, _lines = _lock_revision(revision_id, actor)
    revision.status = RevisionStatus.REJECTED
    revision.decided_by, revision.decided_at, revision.decision_reason = actor, now(), reason
    _save(revision, actor, f"Rejected: {reason}")
    return revision


def _lock_revision(revision_id, actor):
    try:
        keys = BudgetRevision.objects.values("award_id", "from_line_id", "to_line_id").get(
            pk=revision_id
        )
    except BudgetRevision.DoesNotExist:
        raise ValidationError("That budget revision does not exist.") from None
    award = _lock_award(keys["award_id"])
    lines = _lock_lines(award, keys["from_line_id"], keys["to_line_id"])
    revision = BudgetRevision.objects.select_for_update().get(pk=revision_id)
    if revision.status != RevisionStatus.REQUESTED:
        raise ValidationError(f"This revision was already {revision.get_status_display().lower()}.")
    if revision.requested_by_id == actor.pk:
        raise ValidationError("Whoever requested a budget revision may not decide it.")
    return revision, award, lines


# --- draws --------------------------------------------------------------------------------------


def _check_draw_fields(award: Award, incurred_on: dt.date, payee: str, description: str):
    errors = {}
    if not isinstance(incurred_on, dt.date):
        errors["incurred_on"] = "Enter the date the cost was incurred."
    elif not award.contains(incurred_on):
        errors["incurred_on"] = (
            f"The date must be inside the period of performance "
            f"({award.period_start:%d %b %Y} to {award.period_end:%d %b %Y})."
        )
    if not payee:
        errors["payee"] = "Enter who was paid."
    if not description:
        errors["description"] = "Describe the cost."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def request_draw(
    *,
    actor,
    line_id,
    amount,
    incurred_on: dt.date,
    payee: str,
    description: str,
    reason: str = "Recorded",
    month: dt.date | None = None,
    document=None,
    submit: bool = False,
) -> Draw:
    """Record a cost as a draft draw; with ``submit=True`` it is submitted (committed) at once."""
    permissions.require(permissions.can_request_draw(actor))
    if submit:
        permissions.require(permissions.can_submit_draw(actor))
    reason = _reason(reason)
    amount = money(amount)
    try:
        award_id = BudgetLine.objects.values_list("award_id", flat=True).get(pk=line_id)
    except BudgetLine.DoesNotExist:
        raise ValidationError({"line": "Choose a budget line."}) from None
    award = _lock_award(award_id, shared=True)
    line = _lock_lines(award, line_id)[line_id]
    payee = _text(payee, Draw, "payee")
    description = _text(description, Draw, "description")
    _check_draw_fields(award, incurred_on, payee, description)
    _check_fits(line, amount)
    moment = now()
    draw = Draw(
        award=award,
        line=line,
        incurred_on=incurred_on,
        month=_month_start(month or incurred_on),
        amount=amount,
        payee=payee,
        description=description,
        requested_by=actor,
        requested_at=moment,
    )
    if document:
        draw.document = document
    if submit:
        draw.status = DrawStatus.SUBMITTED
        draw.submitted_by, draw.submitted_at = actor, moment
    _save(draw, actor, reason)
    return draw


@transaction.atomic
def edit_draft_draw(*, actor, draw_id, reason: str, **changes) -> Draw:
    """Change a draft. Anything submitted or later is corrected by rejection or reversal."""
    permissions.require(permissions.can_request_draw(actor))
    reason = _reason(reason)
    new_line_id = changes.pop("line_id", None)
    award, lines, draw = _lock_draw(draw_id, new_line_id)
    if draw.status == DrawStatus.PAID:
        raise ValidationError("A paid draw is never edited; record a reversal instead.")
    if draw.status != DrawStatus.DRAFT:
        raise ValidationError(
            f"Only draft draws can be edited; this one is {draw.get_status_display().lower()}."
        )
    if new_line_id is not None and new_line_id != draw.line_id:
        draw.line = lines[new_line_id]
    if "amount" in changes:
        draw.amount = money(changes.pop("amount"))
    for field in ("payee", "description"):
        if field in changes:
            setattr(draw, field, _text(changes.pop(field), Draw, field))
    for field in ("incurred_on", "document"):
        if field in changes:
            setattr(draw, field, changes.pop(field))
    month = changes.pop("month", None)
    draw.month = _month_start(month or draw.incurred_on)
    if changes:
        raise ValidationError(f"These fields cannot be changed: {', '.join(sorted(changes))}.")
    _check_draw_fields(award, draw.incurred_on, draw.payee, draw.description)
    _check_fits(lines[draw.line_id], draw.amount)
    _save(draw, actor, reason)
    return draw


def _expect(draw: Draw, *statuses: str, action: str) -> None:
    if draw.is_reversal:
        raise ValidationError("A reversal entry is final; it cannot be changed.")
    if draw.status not in statuses:
        if draw.status == DrawStatus.PAID:
            raise ValidationError(f"A paid draw is never changed, so it cannot be {action}.")
        raise ValidationError(
            f"This draw is {draw.get_status_display().lower()}, so it cannot be {action}."
        )


@transaction.atomic
def submit_draw(*, actor, draw_id, reason: str = "Submitted for approval") -> Draw:
    permissions.require(permissions.can_submit_draw(actor))
    reason = _reason(reason)
    _award, lines, draw = _lock_draw(draw_id)
    _expect(draw, DrawStatus.DRAFT, action="submitted")
    _check_fits(lines[draw.line_id], draw.amount)
    draw.status = DrawStatus.SUBMITTED
    draw.submitted_by, draw.submitted_at = actor, now()
    _save(draw, actor, reason)
    return draw


@transaction.atomic
def approve_draw(*, actor, draw_id, reason: str = "Approved") -> Draw:
    permissions.require(permissions.can_approve_draw(actor))
    reason = _reason(reason)
    _award, _lines, draw = _lock_draw(draw_id)
    _expect(draw, DrawStatus.SUBMITTED, action="approved")
    if draw.submitted_by_id == actor.pk:
        raise ValidationError("You submitted this draw, so someone else must approve it.")
    draw.status = DrawStatus.APPROVED
    draw.approved_by, draw.approved_at = actor, now()
    _save(draw, actor, reason)
    return draw


@transaction.atomic
def reject_draw(*, actor, draw_id, reason: str) -> Draw:
    permissions.require(permissions.can_approve_draw(actor))
    reason = _reason(reason)
    _award, _lines, draw = _lock_draw(draw_id)
    _expect(draw, DrawStatus.SUBMITTED, DrawStatus.APPROVED, action="rejected")
    if draw.submitted_by_id == actor.pk:
        raise ValidationError("You submitted this draw, so someone else must decide on it.")
    draw.status = DrawStatus.REJECTED
    draw.rejected_by, draw.rejected_at, draw.reason = actor, now(), reason
    _save(draw, actor, f"Rejected: {reason}")
    return draw


@transaction.atomic
def pay_draw(*, actor, draw_id, reason: str = "Paid") -> Draw:
    permissions.require(permissions.can_pay_draw(actor))
    reason = _reason(reason)
    _award, _lines, draw = _lock_draw(draw_id)
    _expect(draw, DrawStatus.APPROVED, action="paid")
    draw.status = DrawStatus.PAID
    draw.paid_by, draw.paid_at = actor, now()
    _save(draw, actor, reason)
    return draw


@transaction.atomic
def reverse_draw(*, actor, draw_id, reason: str) -> Draw:
    """Correct a paid draw with an entry of the opposite amount that points to it."""
    permissions.require(permissions.can_reverse_draw(actor))
    reason = _reason(reason)
    award, lines, draw = _lock_draw(draw_id)
    line = lines[draw.line_id]
    if draw.is_reversal:
        raise ValidationError("A reversal entry cannot itself be reversed.")
    if draw.status != DrawStatus.PAID:
        raise ValidationError(
            "Only paid draws are reversed; reject a draw that has not been paid yet."
        )
    if Draw.objects.filter(reverses=draw).exists():
        raise ValidationError("This draw has already been reversed.")
    moment = now()
    reversal = Draw(
        award=award,
        line=line,
        incurred_on=draw.incurred_on,
        month=draw.month,
        amount=-draw.amount,
        payee=draw.payee,
        description=f"Reversal of draw #{draw.pk}: {draw.description}"[:300],
        status=DrawStatus.PAID,
        reverses=draw,
        reason=reason,
        requested_by=actor,
        requested_at=moment,
        paid_by=actor,
        paid_at=moment,
    )
    _save(reversal, actor, f"Reversal: {reason}")
    return reversal


# --- match --------------------------------------------------------------------------------------


@transaction.atomic
def record_match(
    *,
    actor,
    award_id,
    contributed_on: dt.date,
    kind: str,
    description: str,
    value=None,
    hours=None,
    hourly_rate=None,
    document=None,
    reason: str = "Recorded",
) -> MatchContribution:
    """Record non-federal match; volunteer time is valued as hours x rate."""
    permissions.require(permissions.can_record_match(actor))
    reason = _reason(reason)
    award = _lock_award(award_id)
    errors = {}
    if kind not in MatchKind.values:
        errors["kind"] = "Choose what kind of match this is."
    if not isinstance(contributed_on, dt.date) or not award.contains(contributed_on):
        errors["contributed_on"] = "The date must be inside the period of performance."
    description = _text(description, MatchContribution, "description")
    if not description:
        errors["description"] = "Describe the contribution."
    if errors:
        raise ValidationError(errors)
    if kind == MatchKind.VOLUNTEER:
        if hours in (None, "") or hourly_rate in (None, ""):
            raise ValidationError({"hours": "Volunteer time needs the hours and the rate."})
        hours_d = money(hours, "hours")
        rate = money(hourly_rate, "hourly_rate")
        value = round_cents(hours_d * rate)
    else:
        hours_d = rate = None
        value = money(value, "value")
    contribution = MatchContribution(
        award=award,
        contributed_on=contributed_on,
        kind=kind,
        hours=hours_d,
        hourly_rate=rate,
        value=value,
        description=description,
        recorded_by=actor,
        recorded_at=now(),
    )
    if document:
        contribution.document = document
    _save(contribution, actor, reason)
    return contribution
