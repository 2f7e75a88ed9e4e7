"""The demo: a risk assessment per agency, a site visit with an open finding due soon, a desk
review, a single audit with its management decision due; the grants manager sees them due."""

import datetime as dt

import pytest

from monitoring.due import due_items
from monitoring.models import DeskReview, Finding, RiskAssessment, SingleAudit
from voca.clock import local_today

pytestmark = pytest.mark.django_db


def test_the_demo_monitors_every_agency(demo):
    # The demo is dated from the day it is loaded (voca.clock), as `make run` loads it.
    today = local_today()
    levels = sorted(RiskAssessment.objects.values_list("level", flat=True))
    assert levels == ["high", "low", "medium"]
    finding = Finding.objects.get()
    assert finding.closed_on is None and finding.due_on == today + dt.timedelta(days=10)
    assert DeskReview.objects.get().claims.exists()
    audit = SingleAudit.objects.get()
    assert audit.has_findings and audit.decision_on is None
    kinds = {i.kind: i.status(today) for i in due_items(today)}
    assert kinds["Corrective action"] == "due soon"
    assert kinds["Management decision on audit findings"] in ("due soon", "upcoming")
    assert kinds["Documents for a desk review"] == "due soon"
