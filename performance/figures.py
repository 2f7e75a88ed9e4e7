"""A quarter's PMT figures for a subrecipient: the questions (the unit's PMT workbook's), read from
typed-in aggregates or counted from the agency's own contacts, and stored as counts only.

The figures are always a ``grants.reports.pmt.PmtData`` (no cover: ``meta`` None), so the one
rule book, ``grants.reports.pmt_checks.figures_refusals``, judges them whichever way they came.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from grants.reports import pmt
from grants.reports.context import ReportContext
from grants.reports.period import Period
from grants.reports.pmt_checks import COMPENSATION, CONTINUING, NEW, SERVED
from services.models import ServiceCategory, SpecialClassification, SubService, VictimizationType

# The summary questions a subrecipient answers, by PmtData's field (contacts: every contact).
SUMMARY_FIELDS = (
    ("served", SERVED),
    ("new", NEW),
    ("continuing", CONTINUING),
    ("multiple_victimizations", "Individuals with multiple victimizations"),
    ("compensation_individuals", COMPENSATION),
    ("compensation_contacts", "Contacts with compensation-application help"),
    ("anonymous_contacts", "Anonymous contacts (served without identifying as a client)"),
    ("contacts", "Contacts this quarter"),
)
WHOLE_NUMBER = "Enter a whole number, zero or more (leave it empty for zero)."


@dataclass(frozen=True)
class Question:
    name: str  # the form field
    label: str
    group: str  # the heading it is asked under


def _in_force(model, day: dt.date):
    return list(model.objects.effective_on(day).order_by("sort_order", "code"))


def questions(quarter_end: dt.date) -> list[Question]:
    """Every count asked for a quarter, in the PMT workbook's order, from the reference lists in
    force at the quarter's end."""
    asked = [Question(name, label, "Individuals and contacts") for name, label in SUMMARY_FIELDS]
    for index, (table, model, _) in enumerate(pmt.DEMOGRAPHICS):
        asked += [
            Question(f"demo{index}-{r.code}", r.label, f"{table} of new individuals")
            for r in _in_force(model, quarter_end)
        ]
    asked += [
        Question(f"vic-{r.code}", r.label, "Victimization types (individuals)")
        for r in _in_force(VictimizationType, quarter_end)
    ]
    asked += [
        Question(f"special-{r.code}", r.label, "Special classifications (individuals)")
        for r in _in_force(SpecialClassification, quarter_end)
    ]
    subs = _in_force(SubService, quarter_end)
    for category in _in_force(ServiceCategory, quarter_end):
        group = f"Services: {category.label}"
        asked.append(Question(f"cat-{category.code}", "Individuals (any of these)", group))
        for s in (s for s in subs if s.category.code == category.code):
            asked.append(
                Question(f"svc-{s.code}-individuals", f"{s.code} {s.label}: individuals", group)
            )
            asked.append(Question(f"svc-{s.code}-times", f"{s.code} {s.label}: times", group))
    return asked


def _count(raw, name: str, errors: dict) -> int:
    text = str(raw if raw is not None else "").strip().replace(",", "")
    if not text:
        return 0
    try:
        value = int(text)
    except ValueError:
        errors[name] = WHOLE_NUMBER
        return 0
    if value < 0:
        errors[name] = WHOLE_NUMBER
    return value


def entered(values: dict, quarter_end: dt.date, proration_note: str = "") -> pmt.PmtData:
    """The figures typed into the form (``values``: field -> text); a ValidationError naming each
    field that is not a whole number of zero or more."""
    errors: dict[str, str] = {}

    def n(name):
        return _count(values.get(name), name, errors)

    data = pmt.PmtData(None, proration_note=proration_note)
    for name, _ in SUMMARY_FIELDS:
        setattr(data, name, n(name))
    for index, (table, model, _) in enumerate(pmt.DEMOGRAPHICS):
        rows = _in_force(model, quarter_end)
        data.demographics.append((table, [(r.label, n(f"demo{index}-{r.code}")) for r in rows]))
    data.victimizations = [
        (r.label, n(f"vic-{r.code}")) for r in _in_force(VictimizationType, quarter_end)
    ]
    data.special = [
        (r.label, n(f"special-{r.code}")) for r in _in_force(SpecialClassification, quarter_end)
    ]
    subs = _in_force(SubService, quarter_end)
    for category in _in_force(ServiceCategory, quarter_end):
        mine = [
            (
                category.label,
                s.code,
                s.label,
                n(f"svc-{s.code}-individuals"),
                n(f"svc-{s.code}-times"),
                False,
            )
            for s in subs
            if s.category.code == category.code
        ]
        times = sum(row[4] for row in mine)
        individuals = n(f"cat-{category.code}")
        data.services.append(
            (category.label, category.code, category.label, individuals, times, True)
        )
        data.services += mine
    if errors:
        raise ValidationError(errors)
    return data


def computed(
    organization_id: int, fiscal_year: int, quarter: int, as_of: dt.datetime
) -> pmt.PmtData:
    """The quarter's figures counted from the contacts ``organization_id`` logged in this system
    (its own only), by the unit's PMT counting rules (``grants.reports.pmt.collect``)."""
    period = Period.from_quarter(f"FY{fiscal_year}Q{quarter}")
    ctx = ReportContext(
        meta=None, period=period, as_of=as_of, award_id=None, organization_id=organization_id
    )
    return pmt.collect(ctx)


def form_values(data: pmt.PmtData) -> dict[str, int]:
    """The form's fields filled from stored figures (field -> count), the inverse of ``entered``."""
    values = {name: getattr(data, name) for name, _ in SUMMARY_FIELDS}
    labels = {}
    for index, (table, model, _) in enumerate(pmt.DEMOGRAPHICS):
        labels[table] = (index, {r.label: r.code for r in model.objects.all()})
    for table, rows in data.demographics:
        index, codes = labels.get(table, (None, {}))
        for label, count in rows:
            if index is not None and label in codes:
                values[f"demo{index}-{codes[label]}"] = count
    for prefix, model, rows in (
        ("vic", VictimizationType, data.victimizations),
        ("special", SpecialClassification, data.special),
    ):
        codes = {r.label: r.code for r in model.objects.all()}
        values.update(
            {f"{prefix}-{codes[label]}": count for label, count in rows if label in codes}
        )
    for _, code, _, individuals, times, is_category in data.services:
        if is_category:
            values[f"cat-{code}"] = individuals
        else:
            values[f"svc-{code}-individuals"] = individuals
            values[f"svc-{code}-times"] = times
    return values


# --- stored as counts only -------------------------------------------------------------------

COUNT_FIELDS = tuple(name for name, _ in SUMMARY_FIELDS)


def to_json(data: pmt.PmtData) -> dict:
    """The counts of ``data``, and nothing else (no cover, no record read)."""
    return {
        **{name: getattr(data, name) for name in COUNT_FIELDS},
        "demographics": [[table, [list(r) for r in rows]] for table, rows in data.demographics],
        "victimizations": [list(r) for r in data.victimizations],
        "special": [list(r) for r in data.special],
        "services": [list(r) for r in data.services],
    }


def from_json(stored: dict, proration_note: str = "") -> pmt.PmtData:
    data = pmt.PmtData(None, proration_note=proration_note)
    for name in COUNT_FIELDS:
        setattr(data, name, stored.get(name, 0))
    data.demographics = [
        (table, [tuple(r) for r in rows]) for table, rows in stored.get("demographics", [])
    ]
    data.victimizations = [tuple(r) for r in stored.get("victimizations", [])]
    data.special = [tuple(r) for r in stored.get("special", [])]
    data.services = [tuple(r) for r in stored.get("services", [])]
    return data
