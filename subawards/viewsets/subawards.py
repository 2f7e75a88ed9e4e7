"""Screens of the subawards: the list, making one, its page (versions, documents, conditions)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from grants.viewsets.base import OperationCreateView
from voca import clock, formats

from .. import match_permissions, operations, permissions
from ..document import collect
from ..forms import SubawardForm, split_conditions
from ..models import Subaward
from ..operations.amendments import CARRIED
from .volunteer_section import volunteer_section


def sar_summary(user, subaward) -> dict | None:
    """The SAR's 90-day clock for the subaward's page (subawards.viewsets.sar)."""
    from .sar import sar_clock, sar_of

    if subaward.obligation_id is None or not permissions.can_view_sar(user, subaward):
        return None
    sar = sar_of(subaward)
    return {
        "clock": sar_clock(subaward, sar, clock.local_today()),
        "status": sar.get_status_display(),
        "url": reverse("subawards_sar", args=(subaward.pk,)),
    }


def ffata_summary(user, subaward) -> list[str]:
    """The subaward's FFATA actions, each with its deadline or when it was reported (the state's
    readers only)."""
    from ..models.ffata import ffata_due_on, reportable_actions

    if not permissions.can_view_ffata(user):
        return []
    lines = []
    for version in reportable_actions().filter(subaward=subaward):
        report = getattr(version, "ffata_report", None)
        state = (
            f"reported in SAM.gov on {formats.day(report.reported_on)}"
            if report
            else f"due in SAM.gov by {formats.day(ffata_due_on(version.effective_on))}"
        )
        lines.append(
            f"Version {version.number} ({formats.money(version.total_obligated)}): {state}"
        )
    return lines


# The terms a subaward's form sets: those every version carries, and what is committed.
TERMS = (*CARRIED, "total_committed")


def terms_of(form) -> dict:
    data = form.cleaned_data
    values = {name: data.get(name) for name in TERMS}
    values["budget"] = form.budget()
    return values


class SubawardCreateView(OperationCreateView):
    def run_operation(self, data):
        return operations.create_subaward(
            self.request.user,
            subrecipient_id=data["subrecipient"].pk,
            line_id=data["line"].pk,
            reason=data["reason"],
            claim_frequency=data["claim_frequency"],
            conditions=split_conditions(data["conditions"]),
            **terms_of(self.form),
        )


class SubawardIndexView(generic.IndexView):
    def get_base_queryset(self):
        return permissions.visible_subawards(self.request.user)


class SubawardInspectView(generic.InspectView):
    template_name = "subawards/subaward_inspect.html"

    def get_object(self, queryset=None):
        # Another agency's subaward is "not found", never shown.
        return get_object_or_404(permissions.visible_subawards(self.request.user), pk=self.pk)

    @cached_property
    def current(self):
        return self.object.current_version()

    @cached_property
    def latest(self):
        return self.object.latest_version()

    @cached_property
    def steps(self):
        return permissions.steps_within_reach(self.request.user, self.latest) if self.latest else []

    @property
    def header_buttons(self):
        user, buttons = self.request.user, []
        for step, decision in self.steps:
            if decision:
                buttons.append(
                    HeaderButton(
                        f"{step.label} version {self.latest.number}",
                        url=reverse("subawards_version_step", args=(self.latest.pk, step.name)),
                        icon_name=step.icon,
                    )
                )
        if permissions.can_amend(user, self.object):
            buttons.append(
                HeaderButton(
                    "Amend",
                    url=reverse("subawards_amend", args=(self.object.pk,)),
                    icon_name="edit",
                )
            )
        if match_permissions.can_request_waiver(user, self.object):
            buttons.append(
                HeaderButton(
                    "Request a match waiver",
                    url=reverse("subawards_request_waiver", args=(self.object.pk,)),
                    icon_name="edit",
                )
            )
        if permissions.can_request_revision(user, self.object):
            buttons.append(
                HeaderButton(
                    "Request a budget revision",
                    url=reverse("subawards_request_revision", args=(self.object.pk,)),
                    icon_name="edit",
                )
            )
        return buttons

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        shown = self.current or self.latest
        context["version"] = shown
        if shown is not None:
            data = collect(shown, generated_by=formats.person(user))
            context["elements"], context["budget"] = data.elements, data.budget
            context["match"] = data.match
            context["mtdc"] = formats.money(shown.mtdc_counted)
        context["versions"] = [
            {
                "version": v,
                "document_url": reverse("subawards_document", args=(v.pk,))
                if permissions.can_download_document(user, v)
                else "",
            }
            for v in self.object.versions.order_by("-number")
        ]
        context["conditions"] = [
            {
                "condition": c,
                "accepted_by": formats.person(c.accepted_by) if c.accepted_by else "",
                "accept_url": reverse("subawards_accept_condition", args=(c.pk,))
                if permissions.can_accept_condition(user, c)
                else "",
            }
            for c in self.object.conditions.select_related("accepted_by", "added_in")
        ]
        notes = [d.reason for _s, d in self.steps if not d]
        for decision in (
            permissions.can_amend(user, self.object),
            permissions.can_request_revision(user, self.object),
        ):
            if not decision and "Only" not in decision.reason:
                notes.append(decision.reason)
        context["notes"] = list(dict.fromkeys(notes))
        context["sar"] = sar_summary(user, self.object)
        # Match waivers asked for and volunteers (viewsets.waivers, viewsets.volunteers).
        context["waiver_requests"] = [
            (r, reverse("subawards_waiver_requests:inspect", args=(r.pk,)))
            for r in self.object.waiver_requests.all()
        ]
        context["volunteers"] = volunteer_section(self.object, user, self.current)
        context["ffata"] = ffata_summary(user, self.object)
        return context


class SubawardViewSet(ModelViewSet):
    model = Subaward
    icon = "doc-full"
    menu_label = "Subawards"
    add_view_class = SubawardCreateView
    index_view_class = SubawardIndexView
    inspect_view_class = SubawardInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # The federal award, not the line's name: every award's Subawards line reads the same.
    list_display = [
        "number",
        "subrecipient",
        Column("award", label="Federal award", accessor="line.award.federal_award_number"),
    ]
    form_fields = ["number"]

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            form_class=SubawardForm,
            panel=None,
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )
