"""The SAR and FFATA screens: the 90-day clock on the SAR list, the SAR's page and the subaward's
page; the subrecipient fills in its part on a form (a refusal on its field, nothing saved); the
grants manager marks it reported; the FFATA list, export and forms are the state's only; the
home panel and the menu entries go to whom they are for."""

import datetime as dt
import hashlib
import io

import openpyxl
import pytest
from django.urls import reverse

from grants.exports.models import ExportLog
from subawards import operations
from subawards.models import ExecutiveCompensation, FfataReport, SubgrantAwardReport
from tests.helpers import admin_menu_names, at, login, moment

from .conftest import agency_person, check, make_agency
from .test_sar import PART

pytestmark = pytest.mark.django_db

FEB_10 = moment(2027, 2, 10)  # 50 days before the SAR is due (1 April 2027)


@pytest.fixture
def subaward(make_subaward):
    with at(moment(2026, 12, 15)):
        return make_subaward()


def test_the_grants_manager_sees_the_90_day_clock(client, people, subaward):
    login(client, people["gm"])
    with at(FEB_10):
        listing = client.get(reverse("subawards_sars")).content.decode()
        assert subaward.number in listing and "50 days left" in listing
        page = client.get(reverse("subawards_subawards:inspect", args=(subaward.pk,)))
        assert "SAR (Subgrant Award Report): 50 days left" in page.content.decode()
        # Issued 15 December 2026 for $100,000: FFATA-reportable by 31 January 2027.
        assert "Version 1 ($100,000.00): due in SAM.gov by 31 Jan 2027" in page.content.decode()
        home = client.get("/admin/").content.decode()
        assert "SARs and FFATA reports owed" in home and "50 days left" in home
        sar = client.get(reverse("subawards_sar", args=(subaward.pk,))).content.decode()
        assert "Dana Reyes" in sar and "$100,000.00" in sar
        assert "Mark reported in PMT" not in sar  # nothing submitted yet
        assert "Fill in our part" not in sar
    with at(moment(2027, 4, 3)):
        listing = client.get(reverse("subawards_sars")).content.decode()
        assert "2 days overdue" in listing


def test_the_subrecipient_fills_in_its_part_and_the_state_reports_it(
    client, people, director, subaward
):
    url = reverse("subawards_sar_submit", args=(subaward.pk,))
    login(client, director)
    with at(FEB_10):
        page = client.get(reverse("subawards_sar", args=(subaward.pk,))).content.decode()
        assert url in page and "Fill in our part" in page
        refused = client.post(url, {**PART, "volunteers": "twenty"})
        assert refused.status_code == 200
        assert "Enter a whole number of people" in refused.content.decode()
        assert not SubgrantAwardReport.objects.exists()
        done = client.post(url, PART)
        assert done.status_code == 302
        assert SubgrantAwardReport.objects.get().volunteers == 22
    login(client, people["gm"])
    report_url = reverse("subawards_sar_report", args=(subaward.pk,))
    with at(moment(2027, 2, 12)):
        page = client.get(reverse("subawards_sar", args=(subaward.pk,))).content.decode()
        assert report_url in page
        assert "$192,500.50" in page  # the total budget the agency gave
        assert client.post(report_url, {"reported_on": "2027-02-12"}).status_code == 302
    sar = SubgrantAwardReport.objects.get()
    assert (sar.status, sar.reported_by) == ("reported", people["gm"])
    xlsx = client.get(reverse("subawards_sar_xlsx", args=(subaward.pk,)))
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert "no-store" in xlsx["Cache-Control"]
    assert_logged(people["gm"], "sar", xlsx.content, {"subaward": subaward.number})
    values = {row[1]: row[2] for row in book["SAR for PMT"].iter_rows(values_only=True)}
    assert values["Subaward number"] == subaward.number and values["Volunteers (people)"] == 22


def test_the_auditor_reads_but_takes_no_step(client, people, director, subaward):
    with at(FEB_10):
        operations.submit_sar_part(director, subaward_id=subaward.pk, values=PART)
    login(client, people["auditor"])
    with at(FEB_10):
        page = client.get(reverse("subawards_sar", args=(subaward.pk,)))
        assert page.status_code == 200
        assert "Mark reported in PMT</a>" not in page.content.decode()
        refused = client.post(
            reverse("subawards_sar_report", args=(subaward.pk,)), {"reported_on": "2027-02-10"}
        )
        assert "Only the state&#x27;s grants manager" in refused.content.decode()
        assert SubgrantAwardReport.objects.get().status == "submitted"
        assert client.get(reverse("subawards_ffata")).status_code == 200
        version = subaward.current_version()
        refused = client.post(
            reverse("subawards_ffata_report", args=(version.pk,)), {"reported_on": "2027-02-10"}
        )
        assert "Only the state&#x27;s grants manager" in refused.content.decode()
        assert not FfataReport.objects.exists()


def test_other_agencies_and_roles_without_the_permission_are_refused(
    client, people, subaward, roles
):
    other = make_agency("Other Agency", uei="M8NPQ4RST5UV")
    check(people["gm"], other)
    outsider = agency_person("otherdirector", other, "Agency Director")
    advocate = agency_person("ownadvocate", subaward.subrecipient, "Agency Advocate")
    own_director = agency_person("owndirector", subaward.subrecipient, "Agency Director")
    version = subaward.current_version()
    urls = [
        reverse("subawards_sar", args=(subaward.pk,)),
        reverse("subawards_sar_submit", args=(subaward.pk,)),
        reverse("subawards_sar_report", args=(subaward.pk,)),
        reverse("subawards_sar_xlsx", args=(subaward.pk,)),
    ]
    state_only = [
        reverse("subawards_ffata"),
        reverse("subawards_ffata_export") + "?format=csv",
        reverse("subawards_ffata_report", args=(version.pk,)),
        reverse("subawards_executive_compensation"),
    ]
    for who in (outsider, advocate, people["advocate"]):
        login(client, who)
        for url in urls + state_only:
            assert client.get(url).status_code in (302, 403, 404), (who, url)
        assert client.post(urls[1], PART).status_code in (302, 403, 404)
    assert not SubgrantAwardReport.objects.exists()
    login(client, outsider)
    assert subaward.number not in client.get(reverse("subawards_sars")).content.decode()
    # The subrecipient's own director: its SAR, never the state's FFATA screens.
    login(client, own_director)
    for url in state_only:
        assert client.get(url).status_code == 404
    menus = admin_menu_names(client.get("/admin/"))
    assert "sars" in menus and "ffata-reporting" not in menus
    login(client, people["gm"])
    assert {"sars", "ffata-reporting"} <= admin_menu_names(client.get("/admin/"))


def test_the_grants_manager_exports_and_marks_ffata_actions(client, people, subaward):
    version = subaward.current_version()
    login(client, people["gm"])
    with at(moment(2027, 1, 5)):
        index = client.get(reverse("subawards_ffata")).content.decode()
        assert subaward.number in index
        csv_response = client.get(reverse("subawards_ffata_export") + "?format=csv")
        assert csv_response["Content-Type"].startswith("text/csv")
        assert_logged(people["gm"], "ffata", csv_response.content, {"which": "unreported"})
        assert subaward.number in csv_response.content.decode("utf-8-sig")
        xlsx = client.get(reverse("subawards_ffata_export") + "?format=xlsx&which=all")
        book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
        assert book["Subaward actions"]["D2"].value == subaward.number
        url = reverse("subawards_ffata_report", args=(version.pk,))
        refused = client.post(url, {"reported_on": "2027-01-06"})
        assert "cannot be after today" in refused.content.decode()
        assert client.post(url, {"reported_on": "2027-01-05"}).status_code == 302
        assert FfataReport.objects.get().version == version
        form = reverse("subawards_executive_compensation")
        names = {"name_1": "A. Person", "amount_1": "150000"}
        refused = client.post(
            form,
            {
                "organization": subaward.subrecipient_id,
                "answered_on": "2027-01-05",
                "mostly_federal": "no",
                "federal_25m": "no",
                **names,
            },
        )
        assert "leave the names empty" in refused.content.decode()
        assert not ExecutiveCompensation.objects.exists()
        done = client.post(
            form,
            {
                "organization": subaward.subrecipient_id,
                "answered_on": "2027-01-05",
                "mostly_federal": "no",
                "federal_25m": "no",
            },
        )
        assert done.status_code == 302
        assert not ExecutiveCompensation.objects.get().required
    assert dt.date(2027, 1, 5) == FfataReport.objects.get().reported_on


def assert_logged(user, report, content, parameters):
    """The file handed out is in the export log: who, which report, its parameters and the
    SHA-256 of the very bytes received."""
    entry = ExportLog.objects.filter(report=report).latest("pk")
    assert (entry.user, entry.parameters) == (user, parameters)
    assert entry.sha256 == hashlib.sha256(content).hexdigest()
    assert entry.size == len(content)
