"""Random input at every staff form, posted through the admin as the role that uses it.

Each example starts from a valid submission and replaces a few fields with junk (or drops them):
so hypothesis reaches both the form's checks and the operation's. Whatever comes in, the answer
is never a 500, and a submission the server refuses (the form shown again) saves nothing: the
row counts of every business table and its history are unchanged.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grants.models import Award, BudgetLine, BudgetRevision, Draw, DrawStatus, MatchContribution
from services.models import AgeGroup, Client, Contact, ContactService, SubService
from tests.factories import (
    make_award,
    make_client,
    make_contact,
    make_draw,
    make_line,
    make_user,
)
from tests.helpers import login
from voca import roles as R
from voca.clock import local_today

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

TRICKY = [
    "",
    " ",
    "0",
    "-1",
    "-0.01",
    "0.001",
    "12.345",
    "1e309",
    "NaN",
    "-Infinity",
    "99999999999999999999999",
    "1,000.00",
    "$5",
    "\uff11\uff12",  # full-width digits
    "\u0661\u0662\u0663",  # Arabic-Indic digits
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "1969-12-31",
    "31/12/2026",
    "<script>alert(1)</script>",
    "=HYPERLINK(1)",
    "x" * 400,
    "a\x00b",
    "\u202eevil",
    "999999999",
    "on",
]
junk = st.one_of(
    st.sampled_from(TRICKY),
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=30),
    st.integers(min_value=-(10**15), max_value=10**15).map(str),
)


def mutations(fields):
    """Up to three fields replaced by junk or dropped; the rest stay valid."""
    return st.dictionaries(
        st.sampled_from(fields), st.one_of(junk, st.none()), min_size=0, max_size=3
    )


def apply(base: dict, changes: dict) -> dict:
    data = dict(base)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def counts() -> tuple:
    models = (Contact, ContactService, Client, Draw, BudgetRevision, MatchContribution)
    models += (Award, BudgetLine)
    return tuple(m.objects.count() for m in models) + tuple(
        m.history.model.objects.count()
        for m in (Contact, Client, Draw, BudgetRevision, MatchContribution, Award, BudgetLine)
    )


def post_and_check(client, url, data) -> bool:
    """Post; never a 500; a refusal saves nothing. Returns True when the server saved."""
    before = counts()
    response = client.post(url, data)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        assert counts() == before, "a refused submission changed the database"
        assert b"error" in response.content
        return False
    return True


# --- confidential contacts ---------------------------------------------------------------------


@pytest.fixture
def field_staff(roles):
    return make_user("fuzzworker", R.ADVOCATE)


@pytest.fixture
def contact_base(field_staff):
    common = SubService.objects.current().filter(common=True).order_by("pk")
    not_reported = AgeGroup.objects.current().get(code="not_reported")
    from services.models import GenderIdentity, RaceEthnicity

    return {
        "date": local_today().isoformat(),
        "staff": field_staff.pk,
        "client_kind": "new",
        "race_ethnicity": RaceEthnicity.objects.current().get(code="not_reported").pk,
        "gender_identity": GenderIdentity.objects.current().get(code="not_reported").pk,
        "age_group": not_reported.pk,
        "mode": "in_person",
        "common_services": [common[0].pk],
        "minutes": "15",
        "funding_source": "voca",
        "referrals": "legal aid",
        "notes": "",
        f"times_{common[0].code}": "2",
    }


CONTACT_FIELDS = [
    "date",
    "service_day",
    "staff",
    "client_kind",
    "client_code",
    "race_ethnicity",
    "age_group",
    "special_classifications",
    "mode",
    "common_victimizations",
    "common_services",
    "more_services",
    "minutes",
    "funding_source",
    "referrals",
    "notes",
    "times_A1",
    "id-first_name",
    "id-phone",
    "id-consent_given_on",
    "id-consent_scope",
    "id-consent_expires_on",
]


@FUZZ
@given(changes=mutations(CONTACT_FIELDS))
def test_fast_entry_form(client, field_staff, contact_base, changes):
    login(client, field_staff)
    data = apply(contact_base, changes)
    if post_and_check(client, "/admin/services/log/", data):
        contact = Contact.objects.latest("pk")
        assert contact.staff == field_staff
        assert contact.minutes >= 0 and contact.contact_services.exists()
        assert contact.date <= local_today()


@FUZZ
@given(changes=mutations([f for f in CONTACT_FIELDS if not f.startswith("id-")] + ["reason"]))
def test_contact_edit_form(client, field_staff, contact_base, changes):
    login(client, field_staff)
    contact = make_contact(field_staff, services=("A1",))
    base = {**contact_base, "client_kind": "anonymous", "version": contact.version}
    data = apply(base, {**changes, "version": changes.get("version", contact.version)})
    post_and_check(client, f"/admin/services/contacts/edit/{contact.pk}/", data)


CLIENT_FIELDS = [
    "first_name",
    "phone",
    "consent_given_on",
    "consent_scope",
    "consent_expires_on",
    "race_ethnicity",
    "gender_identity",
    "age_group",
    "special_classifications",
    "version",
    "reason",
]


@FUZZ
@given(changes=mutations(CLIENT_FIELDS))
def test_client_edit_form(client, field_staff, changes):
    login(client, field_staff)
    record = make_client(field_staff)
    base = {
        "race_ethnicity": record.race_ethnicity_id,
        "gender_identity": record.gender_identity_id,
        "age_group": record.age_group_id,
        "first_name": "Ann",
        "phone": "",
        "consent_given_on": local_today().isoformat(),
        "consent_scope": "call-backs",
        "version": record.version,
        "reason": "",
    }
    if post_and_check(client, f"/admin/services/clients/edit/{record.pk}/", apply(base, changes)):
        record.refresh_from_db()
        assert not (record.first_name or record.phone) or record.consent_given_on


@pytest.fixture
def supervisor(roles):
    return make_user("fuzzboss", R.SUPERVISOR)


@FUZZ
@given(reason=st.one_of(junk, st.none()))
def test_void_form(client, supervisor, field_staff, reason):
    login(client, supervisor)
    contact = make_contact(field_staff)
    history = Contact.history.model.objects.count()
    data = {} if reason is None else {"reason": reason}
    response = client.post(f"/admin/services/contacts/void/{contact.pk}/", data)
    assert response.status_code == 302
    contact.refresh_from_db()
    if contact.voided:
        assert contact.void_reason.strip() and len(contact.void_reason) <= 300
        assert "\x00" not in contact.void_reason
    else:
        assert Contact.history.model.objects.count() == history


# --- the VOCA ledger ---------------------------------------------------------------------------


@pytest.fixture
def ledger(roles):
    manager = make_user("fuzzmanager", R.GRANTS_MANAGER)
    finance = make_user("fuzzfinance", R.FINANCE)
    award = make_award(manager)
    line = make_line(manager, award, amount="5000.00")
    other = make_line(manager, award, amount="3000.00", category="travel")
    return {"manager": manager, "finance": finance, "award": award, "line": line, "other": other}


DRAW_FIELDS = ["line", "incurred_on", "month", "amount", "payee", "description", "submit", "reason"]


@FUZZ
@given(changes=mutations(DRAW_FIELDS))
def test_draw_request_form(client, ledger, changes):
    login(client, ledger["finance"])
    base = {
        "line": ledger["line"].pk,
        "incurred_on": "2026-03-15",
        "amount": "100.00",
        "payee": "Acme Print",
        "description": "Flyers",
        "submit": "on",
        "reason": "Invoice received",
    }
    if post_and_check(client, "/admin/grants_draws/new/", apply(base, changes)):
        draw = Draw.objects.latest("pk")
        assert draw.amount > 0 and draw.line.remaining() >= 0


@FUZZ
@given(
    action=st.sampled_from(["submit", "approve", "reject"]),
    reason=st.one_of(junk, st.none()),
)
def test_draw_action_forms(client, ledger, action, reason):
    finance, manager = ledger["finance"], ledger["manager"]
    draw = make_draw(finance, ledger["line"], submit=action != "submit")
    login(client, finance if action == "submit" else manager)
    data = {} if reason is None else {"reason": reason}
    if post_and_check(client, f"/admin/grants/draws/{draw.pk}/{action}/", data):
        draw.refresh_from_db()
        expected = {"submit": "submitted", "approve": "approved", "reject": "rejected"}[action]
        assert draw.status == expected
    else:
        draw.refresh_from_db()
        assert draw.status == (DrawStatus.DRAFT if action == "submit" else DrawStatus.SUBMITTED)


@FUZZ
@given(changes=mutations(["from_line", "to_line", "amount", "reason"]))
def test_budget_revision_form(client, ledger, changes):
    login(client, ledger["finance"])
    base = {
        "from_line": ledger["line"].pk,
        "to_line": ledger["other"].pk,
        "amount": "250.00",
        "reason": "Travel costs more than planned",
    }
    post_and_check(client, "/admin/grants_revisions/new/", apply(base, changes))


MATCH_FIELDS = [
    "award",
    "contributed_on",
    "kind",
    "hours",
    "hourly_rate",
    "value",
    "description",
    "reason",
]


@FUZZ
@given(changes=mutations(MATCH_FIELDS), volunteer=st.booleans())
def test_match_form(client, ledger, changes, volunteer):
    login(client, ledger["finance"])
    base = {
        "award": ledger["award"].pk,
        "contributed_on": "2026-02-10",
        "kind": "volunteer" if volunteer else "cash",
        "description": "Donated time at the service day",
        "reason": "Recorded",
        **({"hours": "4", "hourly_rate": "31.80"} if volunteer else {"value": "500.00"}),
    }
    if post_and_check(client, "/admin/grants_match/new/", apply(base, changes)):
        assert MatchContribution.objects.latest("pk").value > 0


AWARD_FIELDS = [
    "federal_award_number",
    "funder",
    "administering_agency",
    "federal_fiscal_year",
    "total_amount",
    "period_start",
    "period_end",
    "match_rate",
    "match_waiver_percent",
    "indirect_cost_rate",
    "reason",
]


@FUZZ
@given(changes=mutations(AWARD_FIELDS), number=st.integers(0, 10**6))
def test_award_form(client, ledger, changes, number):
    login(client, ledger["manager"])
    base = {
        "federal_award_number": f"15POVC-FUZZ-{number}",
        "funder": "Office for Victims of Crime",
        "administering_agency": "State Department of Public Safety",
        "federal_fiscal_year": "2026",
        "total_amount": "250000.00",
        "period_start": "2025-10-01",
        "period_end": "2027-09-30",
        "match_rate": "0.20",
        "match_waiver_percent": "0",
        "reason": "Award letter received",
    }
    if post_and_check(client, "/admin/grants_awards/new/", apply(base, changes)):
        award = Award.objects.latest("pk")
        assert award.total_amount > 0 and award.period_start <= award.period_end


@FUZZ
@given(changes=mutations(["award", "category", "program", "description", "amount", "reason"]))
def test_budget_line_form(client, ledger, changes):
    login(client, ledger["manager"])
    base = {
        "award": ledger["award"].pk,
        "category": "supplies",
        "program": "Victim Service Days",
        "description": "Printing",
        "amount": "1000.00",
        "reason": "Approved budget",
    }
    if post_and_check(client, "/admin/grants_lines/new/", apply(base, changes)):
        award = ledger["award"]
        budgeted = sum(line.amount for line in BudgetLine.objects.filter(award=award))
        assert budgeted <= award.total_amount


def test_fuzz_reaches_both_outcomes(client, ledger):
    """The base submissions above are valid: without junk they save (so the fuzz is not only
    exercising the form's first check)."""
    login(client, ledger["finance"])
    base = {
        "line": ledger["line"].pk,
        "incurred_on": "2026-03-15",
        "amount": "100.00",
        "payee": "Acme Print",
        "description": "Flyers",
        "submit": "on",
        "reason": "Invoice received",
    }
    assert post_and_check(client, "/admin/grants_draws/new/", base)
    assert not post_and_check(client, "/admin/grants_draws/new/", {**base, "amount": "-5"})
    assert Draw.objects.filter(amount=-5).count() == 0


def test_fast_entry_base_saves(client, field_staff, contact_base):
    login(client, field_staff)
    assert post_and_check(client, "/admin/services/log/", contact_base)
    assert not post_and_check(client, "/admin/services/log/", {**contact_base, "minutes": "-3"})


def test_award_form_match_rate_limit_is_a_message_not_a_500(client, ledger):
    """Found by the fuzz above: the limit was compared as text with a Decimal (now create_award's
    rule alone, a share below 1)."""
    login(client, ledger["manager"])
    base = {
        "federal_award_number": "15POVC-LIMIT-1",
        "funder": "Office for Victims of Crime",
        "administering_agency": "State Department of Public Safety",
        "federal_fiscal_year": "2026",
        "total_amount": "250000.00",
        "period_start": "2025-10-01",
        "period_end": "2027-09-30",
        "match_rate": "1.50",
        "match_waiver_percent": "0",
        "reason": "Award letter received",
    }
    response = client.post("/admin/grants_awards/new/", base)
    assert response.status_code == 200
    assert "from 0 to less than 1" in response.content.decode()
    assert post_and_check(client, "/admin/grants_awards/new/", {**base, "match_rate": "0.25"})
