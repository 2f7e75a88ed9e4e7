"""Screens of volunteers: a month recorded (or corrected) by the subrecipient, the volunteer
requirement waived by the state (the subaward page's section: ``volunteer_section``)."""

from django.urls import path

from voca import formats

from .. import match_permissions as rules
from .. import operations
from ..match_forms import VolunteerMonthForm, VolunteerWaiverForm
from .actions import SubawardFormPage


class RecordVolunteersView(SubawardFormPage):
    form_class = VolunteerMonthForm
    submit_label = "Record the month"

    def decision(self):
        return rules.can_record_volunteers(self.request.user, self.subaward)

    def get_page_title(self):
        return f"Volunteers of {self.subaward}"

    def success_message(self, result) -> str:
        value = f", in-kind match {formats.money(result.in_kind_value)}" if result.rate else ""
        return f"{result} recorded: {result.volunteers} volunteers, {result.hours} hours{value}."

    def run(self, data):
        return operations.record_volunteers(self.request.user, subaward_id=self.subaward.pk, **data)


class WaiveVolunteersView(SubawardFormPage):
    form_class = VolunteerWaiverForm
    submit_label = "Waive the volunteer requirement"

    def decision(self):
        return rules.can_waive_volunteers(self.request.user, self.subaward)

    def get_page_title(self):
        return f"Waive the volunteer requirement of {self.subaward}"

    def run(self, data):
        return operations.waive_volunteer_requirement(
            self.request.user, subaward_id=self.subaward.pk, reason=data["reason"]
        )


def volunteer_urls():
    return [
        path(
            "subawards/<int:pk>/volunteers/",
            RecordVolunteersView.as_view(),
            name="subawards_record_volunteers",
        ),
        path(
            "subawards/<int:pk>/volunteers/waive/",
            WaiveVolunteersView.as_view(),
            name="subawards_waive_volunteers",
        ),
    ]
