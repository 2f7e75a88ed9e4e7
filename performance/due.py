"""The quarterly reports the state is waiting for, as ``voca.due.DueItem``s: every ended quarter
of an issued subaward not yet submitted (due 30 days after the quarter), those returned for
correction (waiting on the subrecipient since), and those submitted and waiting on the state."""

import datetime as dt

from django.urls import reverse

from subawards.models import Subaward
from voca.clock import local_date
from voca.due import DueItem

from .schedule import slots
from .workflows import ReportStatus

KIND = "Quarterly performance report"


def _local_day(moment) -> dt.date | None:
    return local_date(moment) if moment else None


def _subject(slot) -> str:
    subaward = slot.subaward
    return f"{subaward.number} · {subaward.subrecipient} · {slot.label}"


def due_items(today: dt.date) -> list[DueItem]:
    items = []
    subawards = Subaward.objects.with_current().filter(obligation__isnull=False)
    for slot in slots(subawards, today):
        report, org = slot.report, slot.subaward.subrecipient_id
        if report is None or report.status == ReportStatus.DRAFT:
            items.append(
                DueItem(
                    KIND,
                    _subject(slot),
                    slot.due_on,
                    reverse("performance_missing"),
                    organization_id=org,
                )
            )
            continue
        url = reverse("performance_reports:inspect", args=(report.pk,))
        if report.status == ReportStatus.RETURNED:
            items.append(
                DueItem(
                    f"{KIND} returned for correction",
                    _subject(slot),
                    None,
                    url,
                    organization_id=org,
                    waiting_since=_local_day(report.decided_at),
                )
            )
        elif report.status == ReportStatus.SUBMITTED:
            items.append(
                DueItem(
                    f"{KIND} to review",
                    _subject(slot),
                    None,
                    url,
                    organization_id=org,
                    waiting_since=_local_day(report.submitted_at),
                )
            )
    return items
