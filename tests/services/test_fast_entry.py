import datetime

import pytest
from django.core.exceptions import ValidationError

from services import operations
from services.models import AccessLog, Client, Contact, SubService
from tests.factories import make_assignment, make_service_day
from tests.helpers import login
from voca.clock import local_today

URL = "/admin/services/log/"


def service_pk(code):
    return SubService.objects.current().get(code=code).pk


def entry(**overrides):
    data = {
        "date": local_today().isoformat(),
        "client_kind": "new",
        "mode": "in_person",
        "common_services": [service_pk("A1")],
        "minutes": "15",
        "funding_source": "voca",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.django_db
def test_a_new_client_and_contact_are_logged_in_one_post(client, people):
    login(client, people["owner"])
    response = client.post(
        URL, entry(common_services=[service_pk("A1"), service_pk("C1")], times_C1="2")
    )
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.staff == people["owner"] and contact.date == local_today()
    assert dict(contact.contact_services.values_list("service__code", "times")) == {
        "A1": 1,
        "C1": 2,
    }
    assert contact.client.age_group.code == "not_reported"
    page = client.get(response["Location"]).content.decode()
    assert f"Contact with {contact.client.code} logged" in page


@pytest.mark.django_db
def test_today_my_service_day_and_me_are_filled_in(client, people):
    day = make_service_day(local_today())
    make_assignment(people["supervisor"], people["owner"], day)
    login(client, people["owner"])
    form = client.get(URL).context["form"]
    assert form["date"].value() == local_today()
    assert form["service_day"].value() == day.pk
    assert form["staff"].value() == people["owner"].pk
    client.post(URL, entry(service_day=str(day.pk), client_kind="anonymous"))
    assert Contact.objects.get().service_day == day


@pytest.mark.django_db
def test_a_returning_client_comes_up_in_one_lookup_and_it_is_access_logged(client, people, case):
    login(client, people["other_worker"])
    code = case["client"].code
    spoken = f"{code[:4].lower()}-{code[4:].lower()}"
    response = client.get(URL, {"client": spoken})
    html = response.content.decode()
    assert f"<strong>{code}</strong> found" in html
    entry_ = AccessLog.objects.get(action="lookup")
    assert entry_.user == people["other_worker"] and entry_.record_id == str(case["client"].pk)
    response = client.post(URL, entry(client_kind="returning", client_code=spoken))
    assert response.status_code == 302
    assert Contact.objects.filter(client=case["client"], staff=people["other_worker"]).exists()


BAD_INPUTS = [
    (
        "future date",
        lambda: {"date": (local_today() + datetime.timedelta(days=1)).isoformat()},
        "date",
        "cannot be in the future",
    ),
    ("no service", lambda: {"common_services": None}, "common_services", "at least one service"),
    ("negative minutes", lambda: {"minutes": "-5"}, "minutes", "cannot be negative"),
    ("too many minutes", lambda: {"minutes": "9999"}, "minutes", "at most 600"),
    (
        "unknown client code",
        lambda: {"client_kind": "returning", "client_code": "QQQQQQQQ"},
        "client_code",
        "No client has that code",
    ),
    (
        "over-long notes",
        lambda: {"notes": "x" * 2001},
        "notes",
        "under 2000 characters (you entered 2001)",
    ),
    (
        "over-long referrals",
        lambda: {"referrals": "y" * 301},
        "referrals",
        "under 300 characters (you entered 301)",
    ),
    (
        "name without consent",
        lambda: {"id-first_name": "Kim"},
        "consent_given_on",
        "only with the client's consent",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "label,overrides,field,message", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
)
def test_bad_input_shows_a_message_on_the_field_and_saves_nothing(
    client, people, label, overrides, field, message
):
    login(client, people["owner"])
    response = client.post(URL, entry(**overrides()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nothing was saved" in html
    form = response.context["form"]
    errors = form.errors.get(field) or response.context["identifiers_form"].errors.get(field)
    assert errors and message in " ".join(errors)
    assert Contact.objects.count() == 0
    assert Client.objects.count() == 0


@pytest.mark.django_db
def test_a_new_client_refused_for_consent_and_date_shows_both_messages_and_saves_nothing(
    client, people
):
    login(client, people["owner"])
    tomorrow = local_today() + datetime.timedelta(days=1)
    response = client.post(URL, entry(date=tomorrow.isoformat(), **{"id-first_name": "Kim"}))
    assert response.status_code == 200
    assert "cannot be in the future" in " ".join(response.context["form"].errors["date"])
    consent = response.context["identifiers_form"].errors["consent_given_on"]
    assert "only with the client's consent" in " ".join(consent)
    assert Contact.objects.count() == 0
    assert Client.objects.count() == 0


@pytest.mark.django_db
def test_registering_a_client_with_a_refused_contact_keeps_neither(people):
    with pytest.raises(ValidationError) as refused:
        operations.register_client_and_log_contact(
            actor=people["owner"],
            client_fields={},
            contact_fields={"date": local_today(), "services": {"A1": 1}, "minutes": 601},
        )
    assert "at most 600" in " ".join(refused.value.message_dict["minutes"])
    assert Client.objects.count() == 0
    assert Contact.objects.count() == 0


@pytest.mark.django_db
def test_a_service_day_on_another_date_is_refused(client, people):
    yesterday = local_today() - datetime.timedelta(days=1)
    day = make_service_day(yesterday)
    login(client, people["owner"])
    response = client.post(URL, entry(service_day=str(day.pk)))
    assert "not on the contact's date" in " ".join(response.context["form"].errors["service_day"])
    assert Contact.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["auditor", "finance", "editor"])
def test_roles_that_do_not_log_contacts_cannot_post(client, people, role):
    login(client, people[role])
    response = client.post(URL, entry())
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Contact.objects.count() == 0


@pytest.mark.django_db
def test_error_reports_never_show_what_was_typed_about_a_victim(client, people):
    from django.views.debug import SafeExceptionReporterFilter

    login(client, people["owner"])
    response = client.post(URL, entry(notes="Quokkafeather", minutes="-1"))
    shown = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert shown["notes"] != "Quokkafeather" and set(shown["notes"]) == {"*"}
    assert shown["minutes"] == "-1"


@pytest.mark.django_db
def test_a_supervisor_logs_for_a_field_worker_but_not_for_finance(client, people):
    login(client, people["supervisor"])
    form = client.get(URL).context["form"]
    choices = set(form.fields["staff"].queryset)
    assert people["owner"] in choices and people["finance"] not in choices
    client.post(URL, entry(staff=str(people["owner"].pk), client_kind="anonymous"))
    assert Contact.objects.get().staff == people["owner"]
    response = client.post(URL, entry(staff=str(people["finance"].pk), client_kind="anonymous"))
    assert "staff" in response.context["form"].errors
    assert Contact.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("field", ["service_day", "common_services", "common_victimizations"])
def test_an_id_too_large_for_the_database_is_refused_on_its_field(client, people, field):
    login(client, people["supervisor"])
    response = client.post(URL, entry(**{field: "99999999999999999999999"}))
    assert response.status_code == 200
    assert "Select a valid choice" in " ".join(response.context["form"].errors[field])
    assert Contact.objects.count() == 0


@pytest.mark.django_db
def test_after_registering_a_new_client_the_code_is_shown_large_to_hand_over(client, people):
    login(client, people["owner"])
    response = client.post(URL, entry(), follow=True)
    code = Contact.objects.get().client.code
    html = response.content.decode()
    assert "Give this code to the client:" in html
    assert f'<strong class="code">{code}</strong>' in html
    returning = client.post(URL, entry(client_kind="returning", client_code=code), follow=True)
    assert "Give this code to the client" not in returning.content.decode()


@pytest.mark.django_db
def test_an_unknown_code_a_missing_date_and_no_service_are_refused_together(client, people):
    login(client, people["owner"])
    response = client.post(
        URL,
        entry(client_kind="returning", client_code="QQQQQQQQ", common_services=None, date=""),
    )
    errors = response.context["form"].errors
    assert "No client has that code" in " ".join(errors["client_code"])
    assert "at least one service" in " ".join(errors["common_services"])
    assert "Enter the date of the contact" in " ".join(errors["date"])
    assert "Please correct 3 problems" in response.content.decode()
    assert Contact.objects.count() == 0


@pytest.mark.django_db
def test_minutes_that_are_not_a_number_are_shown_with_the_other_refusals(client, people):
    login(client, people["owner"])
    response = client.post(URL, entry(minutes="lots", common_services=None, notes="x" * 2001))
    errors = response.context["form"].errors
    assert errors["minutes"] and "at least one service" in " ".join(errors["common_services"])
    assert "under 2000 characters" in " ".join(errors["notes"])
    assert Contact.objects.count() == 0 and Client.objects.count() == 0


@pytest.mark.django_db
def test_the_edit_screen_shows_unparsed_minutes_with_the_other_refusals(client, people, case):
    contact = case["contact"]
    login(client, people["owner"])
    response = client.post(
        f"/admin/services/contacts/edit/{contact.pk}/",
        entry(
            client_kind="anonymous",
            minutes="lots",
            common_services=None,
            version=str(contact.version),
        ),
    )
    errors = response.context["form"].errors
    assert errors["minutes"] and "at least one service" in " ".join(errors["common_services"])
    assert Contact.objects.get(pk=contact.pk).minutes == 15


@pytest.mark.django_db
@pytest.mark.parametrize("times", ["0", "100"])
def test_times_out_of_range_are_refused_by_the_operation_on_that_service(client, people, times):
    """The 1-99 bound is the operation's alone (services.operations.times_refusal): the form
    holds no copy, and the operation's sentence shows on the service's own number."""
    login(client, people["owner"])
    response = client.post(
        URL, entry(common_services=[service_pk("A1"), service_pk("C1")], times_C1=times)
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["times_C1"] == [
        f"Each service is given between 1 and 99 times (you entered {times})."
    ]
    assert "times_A1" not in errors
    assert "Nothing was saved" in response.content.decode()
    assert Contact.objects.count() == 0 and Client.objects.count() == 0


@pytest.mark.django_db
def test_times_at_the_bounds_and_left_blank_are_kept(client, people):
    login(client, people["owner"])
    services = [service_pk("A1"), service_pk("C1")]
    response = client.post(URL, entry(common_services=services, times_C1="99", times_A1=""))
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert dict(contact.contact_services.values_list("service__code", "times")) == {
        "A1": 1,
        "C1": 99,
    }
