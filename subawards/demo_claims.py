"""Demo claims: the shelter's and the child advocacy center's monthly claims in every state (one
paid after a part approval, one sent back and resubmitted, one waiting at each step, one rejected),
entered by each agency's finance person and reviewed by the state's. Loaded once, by
``subawards.demo.load``; claims need months of the subaward that have started, so on a date with
fewer of them fewer are made.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from organizations.demo import CAC_UEI, SHELTER_UEI
from voca import clock

from . import operations
from .models import Claim, Subaward

# The agencies' finance people are the organizations demo's ("<agency>.finance"); `payments` is
# the state's second Finance person (voca.demo): whoever gives the finance approval never records
# the payment.
CLAIM_PEOPLE = ("finance", "grantsmanager", "payments", "safeharbor.finance", "gatewaycac.finance")


def _people():
    return get_user_model().objects.in_bulk(CLAIM_PEOPLE, field_name="username")


def _started_months(subaward, today) -> list[dt.date]:
    version = subaward.current_version()
    month, months = version.period_start.replace(day=1), []
    while month <= min(today, version.period_end):
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _receipt(n: int):
    return SimpleUploadedFile(f"receipts-{n}.pdf", b"%PDF-1.4\n% payroll and receipts\n")


def _submit(finance, subaward, month, share: int):
    budget = subaward.current_version().budget()
    lines = {c: f"{amount / share:.2f}" for c, amount in budget.items()}
    match = sum(budget.values()) / share / 4
    return operations.submit_claim(
        finance,
        subaward_id=subaward.pk,
        period_start=month,
        lines=lines,
        match_provided=f"{match:.2f}",
        documents=[_receipt(month.month)],
        note="Payroll register, timesheets and receipts attached.",
    )


def load(stdout):
    if Claim.objects.exists():
        stdout.write("  Claims: already in place")
        return
    p = _people()
    today = clock.local_today()
    shelter = Subaward.objects.filter(subrecipient__uei=SHELTER_UEI).order_by("-pk").first()
    cac = (
        Subaward.objects.filter(subrecipient__uei=CAC_UEI, line__award__federal_fiscal_year=2027)
        .order_by("pk")
        .first()
    )
    gm, finance, payer = p["grantsmanager"], p["finance"], p["payments"]
    for subaward, agency_finance, scenarios in (
        (shelter, p["safeharbor.finance"], ("paid", "resubmitted", "submitted")),
        (cac, p["gatewaycac.finance"], ("approved", "rejected", "sent_back")),
    ):
        if subaward is None or subaward.current_version() is None:
            continue
        for month, scenario in zip(_started_months(subaward, today), scenarios, strict=False):
            claim = _submit(agency_finance, subaward, month, share=12)
            pk = claim.pk
            if scenario in ("paid", "approved"):
                supplies = claim.current_round().lines.get(category="supplies").requested
                cut = {"supplies": f"{supplies - 250:.2f}"}
                operations.approve_program(
                    gm,
                    claim_id=pk,
                    approved=cut if scenario == "paid" else None,
                    reasons={"supplies": "A $250 printer is equipment under the agency's policy"},
                )
                operations.approve_finance(finance, claim_id=pk, reason="Matches the ledger")
            if scenario == "paid":
                operations.pay_claim(
                    payer, claim_id=pk, paid_on=today, payment_reference="EFT 2026-1187"
                )
            if scenario in ("resubmitted", "sent_back"):
                operations.send_back_claim(
                    gm, claim_id=pk, comments="Attach the timesheets behind the personnel line."
                )
            if scenario == "resubmitted":
                round_one = claim.current_round()
                operations.resubmit_claim(
                    agency_finance,
                    claim_id=pk,
                    lines={x.category: x.requested for x in round_one.lines.all()},
                    match_provided=round_one.match_provided,
                    documents=[_receipt(99)],
                    note="Timesheets attached.",
                )
                operations.approve_program(gm, claim_id=pk, reason="Timesheets check out")
            if scenario == "rejected":
                operations.reject_claim(
                    finance, claim_id=pk, reason="Costs already paid from the county grant."
                )
    stdout.write(f"  Claims: {Claim.objects.count()} (every state of the review)")
