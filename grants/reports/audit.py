"""Audit trail: every change to a money record in the period, field by field, from history."""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q

from voca.history import shown_indexes

from ..models import Award, BudgetLine, BudgetRevision, Draw, MatchContribution, Obligation
from .context import ReportContext, user_names
from .cover import Check, Meta
from .workbook import Column, ReportWorkbook

VERSION = "audit-trail/2"  # 2: record type and versions columns; a row per version
TITLE = "Audit trail of money records"
MODELS = (Award, BudgetLine, BudgetRevision, Draw, MatchContribution, Obligation)
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
# The id names the record; an obligation's version only counts its changes (the rows show them).
SKIP = {"id", "created_at", "version"}

COLUMNS = [
    Column("When", "datetime", 17),
    Column("Who", width=22),
    Column("Record", width=26),
    Column("Action", width=10),
    Column("Field", width=26),
    Column("Old value", width=30),
    Column("New value", width=30),
    Column("Reason", width=44),
    Column("Record type", width=18),
    # 1 on each history version's first row: the Checks count the versions listed from it.
    Column("Versions", "int", 10),
]
SHEET = "Audit trail"


def _fields(model):
    fields = []
    for f in model._meta.concrete_fields:
        if f.attname in SKIP:
            continue
        user_fk = (
            f.is_relation
            and f.related_model is not None
            and f.related_model._meta.label == "auth.User"
        )
        fields.append((f.attname, str(f.verbose_name), f.is_relation, user_fk, f))
    return fields


def _display(value, is_relation, user_fk, field, names):
    if value is None or value == "":
        return None
    if user_fk:
        return names.get(value, f"user #{value}")
    if is_relation:
        return f"{field.related_model._meta.verbose_name} #{value}"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, dt.datetime | dt.date | bool):
        return str(value) if not isinstance(value, dt.datetime) else value
    return value


def _versions(model, ctx: ReportContext):
    history = model.history.model
    start, end = ctx.period.opens_at, ctx.cut
    scope = Q()
    if ctx.award_id:
        scope = Q(id=ctx.award_id) if model is Award else Q(award_id=ctx.award_id)
    changed = history.objects.filter(scope, history_date__gt=start, history_date__lte=end)
    return changed, (
        history.objects.filter(scope, history_date__lte=end, id__in=changed.values("id")).order_by(
            "id", "history_id"
        )
    )


def changes(ctx: ReportContext, names, counts: dict):
    """Rows of (when, who, record, action, field, old, new, reason, record type, versions),
    record by record: one per field a version shows, or one with no field (a save that changed
    nothing shown), so every version listed has a row for the Checks to count."""
    start = ctx.period.opens_at
    for model in MODELS:
        fields = _fields(model)
        label = str(model._meta.verbose_name).capitalize()
        _, versions = _versions(model, ctx)
        columns = [
            "id",
            "history_id",
            "history_date",
            "history_type",
            "history_user_id",
            "history_change_reason",
        ]
        columns += [f[0] for f in fields]
        previous_id, previous = None, None
        listed = 0
        for row in versions.values_list(*columns).iterator(chunk_size=5000):
            record_id, _, when, kind, who, reason = row[:6]
            values = row[6:]
            if record_id != previous_id:
                previous = None
            if when > start:
                listed += 1
                record = f"{label} #{record_id}"
                who_name = names.get(who, "") if who else "(system)"
                version = (when, who_name, record, ACTIONS.get(kind, kind))
                first = 1
                for i in shown_indexes(previous, values):
                    _attname, verbose, is_rel, user_fk, field = fields[i]
                    new = values[i]
                    old = previous[i] if previous is not None else None
                    yield (
                        *version,
                        verbose,
                        _display(old, is_rel, user_fk, field, names),
                        _display(new, is_rel, user_fk, field, names),
                        reason or "",
                        label,
                        first,
                    )
                    first = None
                if first:
                    yield (*version, None, None, None, reason or "", label, first)
            previous_id, previous = record_id, values
        counts[label] = listed


@dataclass(frozen=True)
class AuditData:
    """``rows`` may be a lazy iterator that fills ``listed`` (versions listed per record type) as
    it is consumed: the trail streams so memory stays flat."""

    meta: Meta
    rows: Iterable[Sequence]  # (when, who, record, action, field, old, new, reason, type, 1)
    versions: dict[str, int]  # history versions in the period, per record type, from the database
    listed: dict[str, int]  # filled while rows are consumed


def collect(ctx: ReportContext) -> AuditData:
    versions = {
        str(model._meta.verbose_name).capitalize(): _versions(model, ctx)[0].count()
        for model in MODELS
    }
    listed: dict[str, int] = {}
    return AuditData(ctx.meta, changes(ctx, user_names(), listed), versions, listed)


def render_xlsx(data: AuditData) -> bytes:
    book = ReportWorkbook(data.meta)
    book.table(SHEET, COLUMNS, data.rows)
    book.checks(
        [
            Check(
                f"{label}: history versions in the period = versions listed",
                count,
                data.listed.get(label, 0),
                actual_formula=(
                    f'SUMIF({{{SHEET}!*!Record type}},"{label}",{{{SHEET}!*!Versions}})'
                ),
            )
            for label, count in data.versions.items()
        ]
    )
    return book.to_bytes()
