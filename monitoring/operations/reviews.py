"""Desk reviews: claims of a period sampled, documents requested (with a due date) and received,
a conclusion. Site visits: planned, then recorded with the checklist's answers."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from subawards.models import Claim
from voca.operations import save_with_history

from ..models import ChecklistAnswer, DeskReview, DocumentRequest, SiteVisit
from ..rules import CHECKLIST, Answer
from .base import a_date, field_text, lock_subrecipient, require_monitor

NOT_FUTURE = "This cannot be dated after today ({today})."


@transaction.atomic
def start_desk_review(
    actor,
    *,
    organization_id,
    period_start: dt.date,
    period_end: dt.date,
    claim_ids,
    documents,
    requested_on: dt.date,
    documents_due_on: dt.date,
) -> DeskReview:
    """Sample claims of the subrecipient whose periods fall within ``period_start``-``period_end``
    and request ``documents`` (one description each), due on ``documents_due_on``."""
    require_monitor(actor)
    organization = lock_subrecipient(organization_id)
    errors: dict = {}
    a_date(period_start, "period_start", errors, "Enter the first day of the period reviewed.")
    a_date(period_end, "period_end", errors, "Enter the last day of the period reviewed.")
    a_date(
        requested_on,
        "requested_on",
        errors,
        "Enter the day the documents were requested.",
        not_future=NOT_FUTURE,
    )
    a_date(documents_due_on, "documents_due_on", errors, "Enter the day the documents are due.")
    if not errors and period_end < period_start:
        errors["period_end"] = "The period ends on or after the day it starts."
    if not errors and documents_due_on < requested_on:
        errors["documents_due_on"] = "Documents are due on or after the day they are requested."
    ids = sorted({int(i) for i in claim_ids or () if str(i).isdigit()})
    claims = list(Claim.objects.filter(pk__in=ids, subaward__subrecipient=organization))
    if not ids:
        errors["claims"] = "Choose at least one claim to review."
    elif len(claims) != len(ids):
        errors["claims"] = "Choose claims of this subrecipient only."
    elif "period_end" not in errors and "period_start" not in errors:
        outside = [c for c in claims if c.period_start < period_start or c.period_end > period_end]
        if outside:
            errors["claims"] = (
                "These claims are outside the period reviewed: "
                + ", ".join(str(c) for c in outside)
                + "."
            )
    requested = []
    for text in documents or ():
        cleaned = field_text(text, DocumentRequest, "description", errors=errors)
        if cleaned:
            requested.append(cleaned)
    if not requested:
        errors.setdefault("documents", "List the documents requested, one a line.")
    if errors:
        raise ValidationError(errors)
    review = DeskReview.objects.create(
        organization=organization,
        period_start=period_start,
        period_end=period_end,
        requested_on=requested_on,
        documents_due_on=documents_due_on,
        created_by=actor,
    )
    review.claims.set(claims)
    for text in requested:
        DocumentRequest.objects.create(review=review, description=text)
    return review


def _lock_review(review_id) -> DeskReview:
    review = DeskReview.objects.select_for_update().filter(pk=review_id).first()
    if review is None:
        raise ValidationError("That desk review does not exist.")
    if review.is_concluded:
        raise ValidationError("This desk review is concluded: nothing more is recorded on it.")
    return review


@transaction.atomic
def receive_documents(actor, *, review_id, received: dict) -> DeskReview:
    """``received`` maps a requested document's id to the day it came in."""
    require_monitor(actor)
    review = _lock_review(review_id)
    errors: dict = {}
    requests = {d.pk: d for d in review.documents.all()}
    for pk, day in received.items():
        if day is None:
            continue
        if int(pk) not in requests:
            errors["documents"] = "That document was not requested in this review."
            continue
        a_date(day, f"received_{pk}", errors, "Enter a date.", not_future=NOT_FUTURE)
        if isinstance(day, dt.date) and day < review.requested_on:
            errors[f"received_{pk}"] = "A document comes in on or after the day it was requested."
    if errors:
        raise ValidationError(errors)
    for pk, day in received.items():
        if day is not None:
            document = requests[int(pk)]
            document.received_on = day
            document.save(update_fields=["received_on"])
    return review


@transaction.atomic
def conclude_desk_review(actor, *, review_id, conclusion: str, concluded_on: dt.date) -> DeskReview:
    require_monitor(actor)
    review = _lock_review(review_id)
    errors: dict = {}
    a_date(
        concluded_on,
        "concluded_on",
        errors,
        "Enter the day of the conclusion.",
        not_future=NOT_FUTURE,
    )
    conclusion = field_text(conclusion, DeskReview, "conclusion", multiline=True, errors=errors)
    if not conclusion and "conclusion" not in errors:
        errors["conclusion"] = "Write the conclusion: what the claims and documents showed."
    if errors:
        raise ValidationError(errors)
    review.conclusion, review.concluded_on, review.concluded_by = conclusion, concluded_on, actor
    save_with_history(review, actor=actor, reason="Desk review concluded")
    return review


@transaction.atomic
def plan_site_visit(
    actor, *, organization_id, planned_on: dt.date, visitors: str = ""
) -> SiteVisit:
    require_monitor(actor)
    organization = lock_subrecipient(organization_id)
    errors: dict = {}
    a_date(planned_on, "planned_on", errors, "Enter the day of the visit.")
    visitors = field_text(visitors, SiteVisit, "visitors", errors=errors)
    if errors:
        raise ValidationError(errors)
    return SiteVisit.objects.create(
        organization=organization, planned_on=planned_on, visitors=visitors, created_by=actor
    )


@transaction.atomic
def record_site_visit(
    actor, *, visit_id, visited_on: dt.date, answers: dict, notes: dict, summary: str
) -> SiteVisit:
    """Every checklist item (``rules.CHECKLIST``) answered met / not met / not applicable; a
    "not met" needs a note (what was seen). Findings are then added one by one."""
    require_monitor(actor)
    visit = SiteVisit.objects.select_for_update().filter(pk=visit_id).first()
    if visit is None:
        raise ValidationError("That site visit does not exist.")
    if visit.is_done:
        raise ValidationError("This site visit is already recorded.")
    errors: dict = {}
    a_date(visited_on, "visited_on", errors, "Enter the day of the visit.", not_future=NOT_FUTURE)
    rows = []
    for item, label in CHECKLIST:
        answer = answers.get(item)
        if answer not in Answer.values:
            errors[f"answer_{item}"] = f"Answer '{label}': met, not met or not applicable."
            continue
        note = field_text(notes.get(item, ""), ChecklistAnswer, "note", errors=errors)
        if answer == Answer.NOT_MET and not note:
            errors[f"note_{item}"] = "Say what was not met."
        rows.append(ChecklistAnswer(visit=visit, item=item, answer=answer, note=note))
    summary = field_text(summary, SiteVisit, "summary", multiline=True, errors=errors)
    if errors:
        raise ValidationError(errors)
    visit.visited_on, visit.summary = visited_on, summary
    save_with_history(visit, actor=actor, reason="Site visit recorded")
    ChecklistAnswer.objects.bulk_create(rows)
    return visit
