"""A risk assessment is recorded (2 CFR 200.332(c)): the entered factors with their notes, the
computed ones from the records, the total, the level and the monitoring plan, all at once."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from ..models import FactorScore, RiskAssessment
from ..risk import computed_factors
from ..rules import ENTERED, MAX_SCORE, PLANS, level_for
from .base import a_date, field_text, lock_subrecipient, require_monitor


@transaction.atomic
def assess_risk(
    actor, *, organization_id, assessed_on: dt.date, scores: dict, notes: dict, summary: str = ""
) -> RiskAssessment:
    """``scores`` and ``notes`` give each entered factor (``rules.ENTERED``) a score from 0 to
    MAX_SCORE and the note saying why; the computed factors are counted here, on ``assessed_on``."""
    require_monitor(actor)
    organization = lock_subrecipient(organization_id)
    errors: dict = {}
    a_date(
        assessed_on,
        "assessed_on",
        errors,
        "Enter the day of the assessment.",
        not_future="An assessment cannot be dated after today ({today}).",
    )
    entered = {}
    for factor in ENTERED:
        raw = scores.get(factor.key)
        try:
            score = int(raw)
        except (TypeError, ValueError):
            score = None
        if score is None or not 0 <= score <= MAX_SCORE:
            errors[f"score_{factor.key}"] = f"Score {factor.label.lower()} from 0 to {MAX_SCORE}."
            continue
        note = field_text(
            notes.get(factor.key, ""), FactorScore, "note", multiline=True, errors=errors
        )
        if not note:
            errors.setdefault(
                f"note_{factor.key}",
                f"Say why {factor.label.lower()} scores {score}: the assessment is documented.",
            )
        entered[factor.key] = (score, note)
    summary = field_text(summary, RiskAssessment, "summary", multiline=True, errors=errors)
    if errors:
        raise ValidationError(errors)
    computed = computed_factors(organization, assessed_on)
    total = sum(s for s, _ in entered.values()) + sum(c.score for c in computed.values())
    level = level_for(total)
    plan = PLANS[level]
    assessment = RiskAssessment.objects.create(
        organization=organization,
        assessed_on=assessed_on,
        total=total,
        level=level,
        desk_reviews_per_year=plan.desk_reviews_per_year,
        site_visit=plan.site_visit,
        conditions="\n".join(plan.conditions),
        summary=summary,
        assessed_by=actor,
    )
    for key, (score, note) in entered.items():
        FactorScore.objects.create(assessment=assessment, factor=key, score=score, note=note)
    for key, result in computed.items():
        FactorScore.objects.create(
            assessment=assessment, factor=key, score=result.score, note=result.note, computed=True
        )
    return assessment
