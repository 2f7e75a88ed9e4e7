"""PMT quarterly performance data: aggregate, de-identified counts of people served and services.

Counting rules (see docs/domain.md): an individual is NEW the first time they are
served in a federal fiscal year; demographics cover new individuals only and each table sums to
them; voided contacts count nowhere. Contacts and clients are read as they stood at the as-of
moment, from their django-simple-history tables (``services.history``), services,
victimizations and special classifications included, so a report regenerated next year for the
same as-of gives the same numbers. Nothing identifying leaves this module: only counts keyed by
reference-list labels.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from organizations.models import Organization
from services.history import clients_as_of, contacts_as_of, parse_codes, parse_service_codes
from services.models import (
    NOT_REPORTED,
    AgeGroup,
    GenderIdentity,
    RaceEthnicity,
    ServiceCategory,
    SpecialClassification,
    SubService,
    VictimizationType,
)
from voca.fiscal import fiscal_year_start

from .context import ReportContext
from .cover import Check, Meta
from .funding import NO_AWARD, NOT_RECORDED, funded_by, funding_rows
from .pdf import PdfReport
from .pmt_checks import (
    COMPENSATION,
    CONTACTS,
    CONTINUING,
    DEMOGRAPHICS_SHEET,
    FUNDING,
    NEW,
    SERVED,
    SERVICES,
    SUMMARY,
    pmt_checks,
)
from .workbook import Column, ReportWorkbook

VERSION = "pmt-quarterly/3"  # 2: funding awards sheet; 3: one award's contacts when named
TITLE = "PMT quarterly performance data"
ONE_AWARD = (
    "Only the contacts this award funded (as recorded at the as-of moment) are counted; an "
    "individual is new the first time this award served them in the federal fiscal year."
)

DEMOGRAPHICS = (
    ("Race/ethnicity", RaceEthnicity, "race_ethnicity_id"),
    ("Gender identity", GenderIdentity, "gender_identity_id"),
    ("Age", AgeGroup, "age_group_id"),
)


@dataclass
class PmtData:
    # None for a subrecipient's figures (performance): the one shape of a quarter's PMT figures,
    # checked by the one rule book (pmt_checks) whether counted from records or typed in.
    meta: Meta | None
    served: int = 0
    new: int = 0
    continuing: int = 0
    anonymous_contacts: int = 0
    contacts: int = 0
    compensation_individuals: int = 0
    compensation_contacts: int = 0
    multiple_victimizations: int = 0
    remapped: int = 0
    read_as_of: dt.datetime | None = None  # the moment the records were read at (None: typed in)
    # Why the demographics tables do not sum to the new individuals (a subrecipient prorating
    # figures kept elsewhere); empty for the unit's report, whose tables always sum.
    proration_note: str = ""
    # (table, [(label, count), ...])
    demographics: list[tuple[str, list[tuple[str, int]]]] = field(default_factory=list)
    victimizations: list[tuple[str, int]] = field(default_factory=list)
    special: list[tuple[str, int]] = field(default_factory=list)
    # (category label, code, service label, individuals, times, is_category_row)
    services: list[tuple[str, str, str, int, int, bool]] = field(default_factory=list)
    # (federal award number, or why there is none; contacts of the period it funded)
    funding: list[tuple[str, int]] = field(default_factory=list)

    def summary(self) -> list[tuple[str, int]]:
        return [
            (SERVED, self.served),
            (NEW, self.new),
            (CONTINUING, self.continuing),
            ("Individuals with multiple victimizations", self.multiple_victimizations),
            (COMPENSATION, self.compensation_individuals),
            ("Contacts with compensation-application help", self.compensation_contacts),
            (
                "Anonymous contacts (served without identifying as a client)",
                self.anonymous_contacts,
            ),
            (CONTACTS, self.contacts),
        ]

    def checks(self) -> list[Check]:
        return pmt_checks(self)


def _in_force(model, period):
    """Reference rows in force at the end of the period, in the published order."""
    return list(model.objects.effective_on(period.end).order_by("sort_order", "code"))


def collect(ctx: ReportContext) -> PmtData:
    period, at = ctx.period, ctx.as_of
    data = PmtData(ctx.meta, read_as_of=at)
    fy_start = fiscal_year_start(period.fiscal_year)
    first_in_fy: dict[int, dt.date] = {}
    in_period = set()
    served = set()
    compensation_clients = set()
    victimizations_of = defaultdict(set)
    individuals = defaultdict(set)
    times = Counter()
    service_codes = frozenset(SubService.objects.values_list("code", flat=True))
    # For one award: only the contacts it funded (as recorded at the as-of moment) count, new
    # and continuing included; without one, every contact of the period.
    funded = funded_by(at, ctx.award_id) if ctx.award_id else None
    # One organization's contacts only (the unit's unless named): an agency's figures reach the
    # state as aggregates, through its quarterly report (performance), never as rows.
    organization = ctx.organization_id or Organization.objects.the_unit().pk
    for pk, day, client_id, compensation, services, victimizations in contacts_as_of(
        at, fy_start, period.end, organization_id=organization
    ).iterator(chunk_size=10000):
        if funded is not None and pk not in funded:
            continue
        if client_id is not None and (client_id not in first_in_fy or day < first_in_fy[client_id]):
            first_in_fy[client_id] = day
        if day < period.start:
            continue
        in_period.add(pk)
        if client_id is None:
            data.anonymous_contacts += 1
        else:
            served.add(client_id)
            victimizations_of[client_id].update(parse_codes(victimizations))
        if compensation:
            data.compensation_contacts += 1
            if client_id is not None:
                compensation_clients.add(client_id)
        for code, n in parse_service_codes(services, service_codes).items():
            times[code] += n
            if client_id is not None:
                individuals[code].add(client_id)
    new = {c for c in served if first_in_fy[c] >= period.start}
    data.contacts = len(in_period)
    data.funding = funding_rows(at, in_period)
    if data.meta is not None:  # None: a subrecipient's own figures (performance), no cover
        data.meta = _cover(data.meta, ctx.award_id, data.funding)
    data.served, data.new, data.continuing = len(served), len(new), len(served) - len(new)
    data.compensation_individuals = len(compensation_clients)

    # Demographics of the new individuals (each table summing to them), and the special
    # classifications of everyone served, as the client records stood at the as-of moment.
    demographics = dict.fromkeys(new)
    classifications = Counter()
    for pk, race, gender, age, codes in clients_as_of(at, served):
        if pk in demographics:
            demographics[pk] = (race, gender, age)
        classifications.update(set(codes))
    for index, (table, model, _) in enumerate(DEMOGRAPHICS):
        code_of = dict(model.objects.values_list("pk", "code"))
        rows = _in_force(model, period)
        listed = {r.code for r in rows}
        counts = Counter()
        for values in demographics.values():
            code = code_of.get(values[index]) if values else None
            if code not in listed:
                data.remapped += 1
                code = NOT_REPORTED
            counts[code] += 1
        data.demographics.append((table, [(r.label, counts[r.code]) for r in rows]))

    counts = Counter()
    for codes in victimizations_of.values():
        counts.update(codes)
        if len(codes) > 1:
            data.multiple_victimizations += 1
    data.victimizations = [(r.label, counts[r.code]) for r in _in_force(VictimizationType, period)]
    data.services = _service_rows(period, individuals, times)
    data.special = [
        (r.label, classifications[r.code]) for r in _in_force(SpecialClassification, period)
    ]
    return data


def _cover(meta: Meta, award_id, funding) -> Meta:
    if award_id:
        return replace(meta, notes=(*meta.notes, ONE_AWARD))
    # The cover names the awards that funded the period's contacts (else those covering it).
    numbers = [label for label, _ in funding if label not in (NO_AWARD, NOT_RECORDED)]
    return replace(meta, award_number=", ".join(numbers)) if numbers else meta


def _service_rows(period, individuals, times):
    rows = []
    subs = _in_force(SubService, period)
    listed = {s.code for s in subs}
    for category in _in_force(ServiceCategory, period):
        mine = [s for s in subs if s.category.code == category.code]
        people = set().union(*(individuals.get(s.code, set()) for s in mine)) if mine else set()
        rows.append(
            (
                category.label,
                category.code,
                category.label,
                len(people),
                sum(times[s.code] for s in mine),
                True,
            )
        )
        rows += [
            (
                category.label,
                s.code,
                s.label,
                len(individuals.get(s.code, ())),
                times[s.code],
                False,
            )
            for s in mine
        ]
    extra = sorted(set(times) - listed)
    if extra:
        retired = {s.code: s.label for s in SubService.objects.filter(code__in=extra)}
        rows += [
            (
                "Not in the current list",
                c,
                retired.get(c, c),
                len(individuals.get(c, ())),
                times[c],
                False,
            )
            for c in extra
        ]
    return rows


def render_xlsx(data: PmtData) -> bytes:
    book = ReportWorkbook(data.meta)
    book.table(
        SUMMARY,
        [Column("Question", width=70), Column("Count", "int", 12)],
        data.summary(),
        index=True,
    )
    book.table(
        DEMOGRAPHICS_SHEET,
        [Column("Table", width=18), Column("Item", width=50), Column("New individuals", "int", 16)],
        [(table, label, n) for table, rows in data.demographics for label, n in rows],
        preamble=[f"Demographics of the {data.new} new individuals; each table sums to them."],
    )
    book.table(
        "Victimizations",
        [Column("Victimization type", width=60), Column("Individuals", "int", 14)],
        data.victimizations,
        totals=["Individuals with multiple victimizations", data.multiple_victimizations],
    )
    book.table(
        "Special classifications",
        [Column("Special classification", width=50), Column("Individuals", "int", 14)],
        data.special,
    )
    book.table(
        SERVICES,
        [
            Column("Category", width=38),
            Column("Code", width=8),
            Column("Service", width=60),
            Column("Individuals", "int", 13),
            Column("Times provided", "int", 15),
            Column("Row", width=12),
        ],
        (
            (c, code, label, n, t, "Category" if cat else "Sub-service")
            for c, code, label, n, t, cat in data.services
        ),
        totals=[
            "All services",
            None,
            None,
            None,
            sum(s[4] for s in data.services if not s[5]),
            None,
        ],
        index=1,
    )
    book.table(
        FUNDING,
        [Column("Federal award", width=60), Column("Contacts funded", "int", 16)],
        data.funding,
        preamble=["Which VOCA awards funded the contacts counted (each contact's program award)."],
        totals=["All contacts", data.contacts],
    )
    book.checks(data.checks())
    return book.to_bytes()


def render_pdf(data: PmtData) -> bytes:
    report = PdfReport(data.meta)
    report.heading("Individuals and contacts")
    report.table(
        ["Question", "Count"],
        [(q, f"{n:,}") for q, n in data.summary()],
        widths=[400, 80],
        numeric=(1,),
    )
    for table, rows in data.demographics:
        report.heading(f"{table} of new individuals")
        report.table(
            ["Item", "New individuals"],
            [(label, f"{n:,}") for label, n in rows] + [("Total", f"{data.new:,}")],
            widths=[400, 80],
            numeric=(1,),
        )
    report.heading("Victimization types (individuals served)")
    report.table(
        ["Victimization type", "Individuals"],
        [(label, f"{n:,}") for label, n in data.victimizations],
        widths=[400, 80],
        numeric=(1,),
    )
    report.heading("Special classifications (individuals served)")
    report.table(
        ["Special classification", "Individuals"],
        [(label, f"{n:,}") for label, n in data.special],
        widths=[400, 80],
        numeric=(1,),
    )
    report.heading("Services")
    report.table(
        ["Code", "Service", "Individuals", "Times"],
        [
            (code, f"{label}" if not cat else f"{label} (all)", f"{n:,}", f"{t:,}")
            for _, code, label, n, t, cat in data.services
        ],
        widths=[40, 320, 70, 60],
        numeric=(2, 3),
    )
    report.heading("Funding awards (contacts funded)")
    report.table(
        ["Federal award", "Contacts"],
        [(label, f"{n:,}") for label, n in data.funding] + [("Total", f"{data.contacts:,}")],
        widths=[400, 80],
        numeric=(1,),
    )
    report.checks(data.checks())
    return report.to_bytes()
