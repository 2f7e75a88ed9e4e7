"""The PMT's rule book: the workbook's self-checks, each with formulas over the cells it checks
(so an edited copy of the workbook recalculates to FAIL), and the sheet names those formulas read.

The same checks judge a subrecipient's quarterly figures (``performance``), counted from its
contacts or typed in: ``figures_refusals`` is the one validation of a quarter's PMT figures.
"""

from .cover import Check
from .period import local_naive

SUMMARY = "Summary"
DEMOGRAPHICS_SHEET = "Demographics (new)"
SERVICES = "Services"
FUNDING = "Funding awards"

SERVED = "Individuals served this period"
NEW = "New individuals (first served this federal fiscal year)"
CONTINUING = "Continuing individuals (served earlier this fiscal year)"
COMPENSATION = "Individuals assisted with a crime-victim compensation application"
CONTACTS = "Contacts this period (voided contacts excluded)"


def count(question: str) -> str:
    """The Summary's Count cell of a question."""
    return f"{{{SUMMARY}!{question}!Count}}"


def demographics_total(table: str) -> str:
    # The tables' names are ours (no wildcard or comparison characters), safe as a criterion.
    sheet = DEMOGRAPHICS_SHEET
    return f'SUMIF({{{sheet}!*!Table}},"{table}",{{{sheet}!*!New individuals}})'


def pmt_checks(data) -> list[Check]:
    checks = [
        Check(
            "New + continuing individuals = individuals served",
            data.served,
            data.new + data.continuing,
            expected_formula=count(SERVED),
            actual_formula=f"{count(NEW)}+{count(CONTINUING)}",
        )
    ]
    # A proration note (a subrecipient's figures kept elsewhere, prorated) explains tables that
    # do not sum: they are not checked against the new individuals. The unit's never has one.
    if not getattr(data, "proration_note", ""):
        checks += _demographics_checks(data)
    if data.meta is not None:  # a report's cover (a subrecipient's figures have none)
        checks.append(_as_of_check(data))
    checks += _service_checks(data.services)
    if data.read_as_of is not None:  # counted from records (typed-in figures were not)
        checks.append(_funding_check(data))
    checks.append(
        Check(
            "Individuals with compensation help no more than individuals served",
            data.served,
            data.compensation_individuals,
            at_most=True,
            expected_formula=count(SERVED),
            actual_formula=count(COMPENSATION),
        )
    )
    return checks


def _demographics_checks(data) -> list[Check]:
    checks = []
    for table, rows in data.demographics:
        total = sum(n for _, n in rows)
        checks.append(
            Check(
                f"{table}: rows sum to new individuals",
                data.new,
                total,
                expected_formula=count(NEW),
                actual_formula=demographics_total(table),
            )
        )
        checks.append(
            Check(
                f"{table}: demographics total + continuing individuals = individuals served",
                data.served,
                total + data.continuing,
                expected_formula=count(SERVED),
                actual_formula=f"{demographics_total(table)}+{count(CONTINUING)}",
            )
        )
    return checks


def _as_of_check(data) -> Check:
    return Check(
        "The as-of moment on the cover is the one the records were read at",
        local_naive(data.meta.as_of),
        local_naive(data.read_as_of),
        expected_formula="{Cover!Data as of!Value}",
    )


def _funding_check(data) -> Check:
    return Check(
        "Contacts by funding award sum to the contacts of the period",
        data.contacts,
        sum(n for _, n in data.funding),
        expected_formula=count(CONTACTS),
        actual_formula=f"SUM({{{FUNDING}!*!Contacts funded}})",
    )


def counts_of(data) -> list[tuple[str, object]]:
    """Every count of a quarter's figures, named as a reader would find it."""
    named = [(question, n) for question, n in data.summary()]
    named += [(f"{table}: {label}", n) for table, rows in data.demographics for label, n in rows]
    named += [(f"Victimizations: {label}", n) for label, n in data.victimizations]
    named += [(f"Special classifications: {label}", n) for label, n in data.special]
    for _, code, label, individuals, times, _ in data.services:
        named += [(f"{code} {label}: individuals", individuals), (f"{code} {label}: times", times)]
    return named


def figures_refusals(data) -> list[str]:
    """Why a quarter's PMT figures cannot be reported, one sentence each (empty when they can):
    every count a whole number, none below zero, then every check of the rule book above (the
    demographics tables summing to the new individuals unless a proration note explains why)."""
    bad = [
        name
        for name, n in counts_of(data)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0
    ]
    if bad:
        return [f"Counts are whole numbers, zero or more: {name}." for name in bad]
    return [
        f"{check.name} (expected {check.expected}, found {check.actual})."
        for check in pmt_checks(data)
        if not check.passed
    ]


def _service_checks(services) -> list[Check]:
    """Each category against its sub-services, read by code (the Services sheet's key); should a
    category and a sub-service ever share a code, the figures stay as computed."""
    keyed = len({s[1] for s in services}) == len(services)

    def cells(rows, column):
        if not keyed:
            return ""
        return "+".join(f"{{{SERVICES}!{s[1]}!{column}}}" for s in rows) or "0"

    checks = []
    for category, code, _, individuals, times, is_category in services:
        if not is_category:
            continue
        subs = [s for s in services if not s[5] and s[0] == category]
        checks.append(
            Check(
                f"Services {code}: category times = sum of its sub-services' times",
                times,
                sum(s[4] for s in subs),
                expected_formula=cells([(category, code)], "Times provided"),
                actual_formula=cells(subs, "Times provided"),
            )
        )
        checks.append(
            Check(
                f"Services {code}: category individuals no more than the sum of its sub-services'",
                sum(s[3] for s in subs),
                individuals,
                at_most=True,
                expected_formula=cells(subs, "Individuals"),
                actual_formula=cells([(category, code)], "Individuals"),
            )
        )
    return checks
