"""Random input at the sign-in, the two-factor set-up, staffing and every chooser URL (issue 11).

The same strategies as test_fuzz_forms.py: whatever comes in, never a 500, and input the server
refuses changes no row counts (business tables, their history, staffing, authenticator devices).
"""

from urllib.parse import quote, urlencode

import pytest
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import given
from hypothesis import strategies as st

from services.models import StaffAssignment
from tests.factories import PASSWORD, make_client, make_location, make_service_day, make_user
from tests.helpers import login
from tests.voca.test_fuzz_forms import FUZZ, apply, counts, junk, mutations
from voca import roles as R
from voca.clock import local_today

pytestmark = pytest.mark.django_db

long_junk = st.one_of(junk, st.sampled_from(["x" * 5000, "9" * 300, "\x00" * 20]))


def all_counts() -> tuple:
    models = (StaffAssignment, TOTPDevice, StaticDevice, StaticToken)
    return counts() + tuple(m.objects.count() for m in models)


@pytest.fixture
def two_factor_user(roles):
    user = make_user("sky", R.SUPERVISOR)
    TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    StaticDevice.objects.create(user=user, name="backup", confirmed=True).token_set.create(
        token="abcd1234"
    )
    return user


AUTH = {"login_view-current_step": "auth", "auth-username": "sky", "auth-password": PASSWORD}


@override_settings(AXES_ENABLED=True, VOCA_REQUIRE_2FA=True)
@FUZZ
@given(changes=st.dictionaries(st.sampled_from(list(AUTH)), st.one_of(long_junk, st.none())))
def test_sign_in_password_step(client, two_factor_user, changes):
    client.raise_request_exception = False  # a wizard without its step is a 400, as in production
    before = all_counts()
    response = client.post("/admin/login/", apply(AUTH, changes))
    assert response.status_code in (200, 302, 400, 429), response.status_code
    assert all_counts() == before
    assert "_auth_user_id" not in client.session


@override_settings(VOCA_REQUIRE_2FA=True)
@FUZZ
@given(step=st.sampled_from(["token", "backup"]), token=st.one_of(long_junk, st.none()))
def test_sign_in_code_steps(client, two_factor_user, step, token):
    assert client.post("/admin/login/", AUTH).status_code == 200
    if step == "backup":
        client.post("/admin/login/", {"login_view-current_step": "token", "wizard_goto_step": step})
    before = all_counts()
    data = {"login_view-current_step": step}
    if token is not None:
        data[f"{step}-otp_token"] = token
    response = client.post("/admin/login/", data)
    assert response.status_code == 200, response.status_code
    assert all_counts() == before
    assert "_auth_user_id" not in client.session


@pytest.fixture
def newcomer(roles):
    return make_user("newcomer", R.ADVOCATE)


SETUP_FIELDS = ["setup_view-current_step", "method-method", "generator-token", "wizard_goto_step"]


@FUZZ
@given(
    step=st.sampled_from(["welcome", "method", "generator"]),
    changes=mutations(SETUP_FIELDS),
)
def test_two_factor_setup_wizard(client, newcomer, step, changes):
    client.raise_request_exception = False  # a wizard without its step is a 400, as in production
    client.force_login(newcomer)
    client.get("/admin/account/two_factor/setup/")
    base = {"setup_view-current_step": step, "method-method": "generator"}
    before = all_counts()
    response = client.post("/admin/account/two_factor/setup/", apply(base, changes))
    assert response.status_code in (200, 302, 400), response.status_code
    assert all_counts() == before


@pytest.fixture
def staffing(roles):
    boss = make_user("boss", R.SUPERVISOR)
    worker = make_user("worker", R.ADVOCATE)
    return boss, worker, make_service_day(local_today(), location=make_location())


@FUZZ
@given(
    day=st.one_of(st.just("the day"), long_junk, st.none()),
    staff=st.lists(long_junk, max_size=2),
)
def test_staffing_form(client, staffing, day, staff):
    boss, worker, service_day = staffing
    login(client, boss)
    data = {"staff": [str(worker.pk), *staff]}
    if day is not None:
        data["service_day"] = str(service_day.pk) if day == "the day" else day
    before = all_counts()
    response = client.post("/admin/services/staffing/", data)
    assert response.status_code in (302, 400, 404), response.status_code
    if response.status_code != 302:
        assert all_counts() == before


CHOOSERS = [
    "/admin/services/client-chooser/",
    "/admin/services/client-chooser/results/",
    "/admin/services/client-chooser/chosen/{id}/",
    "/admin/snippets/choose/events/location/",
    "/admin/snippets/choose/events/location/results/",
    "/admin/snippets/choose/events/location/chosen/{id}/",
    "/admin/snippets/choose/events/location/chosen-multiple/",
    "/admin/images/chooser/",
    "/admin/images/chooser/results/",
    "/admin/images/chooser/chosen/{id}/",
    "/admin/images/chooser/chosen-multiple/",
    "/admin/images/chooser/{id}/select_format/",
    "/admin/documents/chooser/",
    "/admin/documents/chooser/results/",
    "/admin/documents/chooser/chosen/{id}/",
    "/admin/documents/chooser/chosen-multiple/",
    "/admin/choose-page/",
    "/admin/choose-page/{id}/",
    "/admin/choose-page/search/",
    "/admin/choose-page/chosen-multiple/",
    "/admin/workflows/task_chooser/",
    "/admin/workflows/task_chooser/results/",
    "/admin/workflows/task_chooser/{id}/",
    "/admin/embeds/chooser/",
]


@pytest.fixture
def superuser(roles):
    boss = make_user("boss", R.SUPERVISOR, is_superuser=True)
    make_client(boss)
    return boss


QUERY_KEYS = ["id", "q", "p", "collection_id", "locale", "page_type", "task_type", "multiple"]


@FUZZ
@given(
    url=st.sampled_from(CHOOSERS),
    path_id=long_junk,
    query=st.dictionaries(st.sampled_from(QUERY_KEYS), long_junk, max_size=3),
)
def test_chooser_urls(client, superuser, url, path_id, query):
    login(client, superuser)
    before = all_counts()
    target = url.format(id=quote(path_id, safe="")) + "?" + urlencode(query)
    response = client.get(target)
    assert response.status_code < 500, (target, response.status_code)
    assert all_counts() == before
