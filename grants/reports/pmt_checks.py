"""The PMT workbook's self-checks, each with formulas over the cells it checks (so an edited
copy of the workbook recalculates to FAIL), and the sheet names those formulas read."""

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
    checks.append(
        Check(
            "The as-of moment on the cover is the one the records were read at",
            local_naive(data.meta.as_of),
            local_naive(data.read_as_of),
            expected_formula="{Cover!Data as of!Value}",
        )
    )
    checks += _service_checks(data.services)
    checks.append(
        Check(
            "Contacts by funding award sum to the contacts of the period",
            data.contacts,
            sum(n for _, n in data.funding),
            expected_formula=count(CONTACTS),
            actual_formula=f"SUM({{{FUNDING}!*!Contacts funded}})",
        )
    )
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
