"""The demo's funder reports: a SAR due soon (in ten days), one reported in PMT and one waiting
for the state; FFATA-reportable subawards, one reported in SAM.gov and others not yet."""

import datetime as dt

import pytest

from subawards.due import FFATA_KIND, SAR_KIND, due_items
from subawards.models import SubgrantAwardReport
from subawards.models.ffata import reportable_actions
from voca import clock

pytestmark = pytest.mark.django_db


def test_the_demo_shows_a_sar_due_soon_and_ffata_reported_and_not(demo):
    today = clock.local_today()
    sars = [i for i in due_items(today) if i.kind == SAR_KIND]
    soon = [i for i in sars if i.due_on == today + dt.timedelta(days=10)]
    assert len(soon) == 1 and soon[0].status(today) == "due soon"
    assert sorted(SubgrantAwardReport.objects.values_list("status", flat=True)) == [
        "reported",
        "submitted",
    ]
    actions = list(reportable_actions())
    reported = [a for a in actions if hasattr(a, "ffata_report")]
    assert len(reported) == 1 and reported[0].subaward.subrecipient.uei == "K7LMN2PQR3ST"
    unreported = {a.subaward_id for a in actions if not hasattr(a, "ffata_report")}
    assert len(unreported) >= 2  # the center's two subawards (and the shelter's cut)
    assert {i.subject.split(" ")[0] for i in due_items(today) if i.kind == FFATA_KIND} == {
        a.subaward.number for a in actions if not hasattr(a, "ffata_report")
    }
