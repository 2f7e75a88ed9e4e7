"""Forms for the fast contact entry and the contact edit screen.

Forms only parse input; every rule is in ``services.operations``, whose refusal the view shows on
the form with ``voca.forms.apply_operation_errors``.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model

from events.models import ServiceDayPage
from services import permissions
from services.form_fields import (
    DATE_INPUT,
    IdChoiceField,
    ReferenceMultipleChoiceField,
    ServiceChoiceField,
    ServiceDayChoiceField,
    StaffChoiceField,
)
from services.models import (
    MAX_MINUTES,
    AgeGroup,
    Contact,
    GenderIdentity,
    RaceEthnicity,
    SpecialClassification,
    SubService,
    VictimizationType,
    current_service_day_for,
)
from voca.clock import local_today
from voca.locales import admin_language_of
from voca.parsing import WholeNumberField

# The victimizations staff meet most often, shown first; the rest sit behind "Other".
COMMON_VICTIMIZATIONS = (
    "domestic_family_violence",
    "adult_physical_assault",
    "adult_sexual_assault",
    "robbery",
    "burglary",
    "stalking_harassment",
    "homicide_survivors",
    "identity_theft_fraud",
)


class ContactForm(forms.Form):
    """One screen for one encounter: who, when, what help, how long."""

    # Operation argument name -> the field that edits it, for voca.forms.apply_operation_errors.
    operation_fields = {
        "services": "common_services",
        "client": "client_code",
        "victimizations": "common_victimizations",
    }

    CLIENT_RETURNING = "returning"
    CLIENT_NEW = "new"
    CLIENT_ANONYMOUS = "anonymous"

    # Not required here: a missing date or minutes is refused by the operation, with the rest.
    date = forms.DateField(widget=DATE_INPUT, label="Date", required=False)
    service_day = ServiceDayChoiceField(
        queryset=ServiceDayPage.objects.none(),
        required=False,
        label="Victim Service Day",
        empty_label="None (not at a service day)",
    )
    staff = StaffChoiceField(
        queryset=get_user_model().objects.none(), label="Staff member", required=False
    )
    client_kind = forms.ChoiceField(
        label="Who was served",
        choices=[
            (CLIENT_RETURNING, "Returning client (has a code)"),
            (CLIENT_NEW, "New client"),
            (CLIENT_ANONYMOUS, "Anonymous (not registered)"),
        ],
        widget=forms.RadioSelect,
        initial=CLIENT_NEW,
    )
    client_code = forms.CharField(
        label="Client code",
        required=False,
        max_length=20,
        help_text="8 letters/digits, e.g. K7QM-X3TA; dashes and spaces are ignored.",
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    # New client: demographics for the report (defaults: Not Reported).
    race_ethnicity = IdChoiceField(
        queryset=RaceEthnicity.objects.none(), required=False, label="Race/ethnicity"
    )
    gender_identity = IdChoiceField(
        queryset=GenderIdentity.objects.none(), required=False, label="Gender identity"
    )
    age_group = IdChoiceField(queryset=AgeGroup.objects.none(), required=False, label="Age group")
    special_classifications = ReferenceMultipleChoiceField(
        queryset=SpecialClassification.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Special classifications",
    )
    mode = forms.ChoiceField(
        choices=Contact.Mode.choices, widget=forms.RadioSelect, initial=Contact.Mode.IN_PERSON
    )
    common_victimizations = ReferenceMultipleChoiceField(
        queryset=VictimizationType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Victimizations addressed",
    )
    more_victimizations = ReferenceMultipleChoiceField(
        queryset=VictimizationType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Other victimizations",
    )
    common_services = ServiceChoiceField(
        queryset=SubService.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Services given",
    )
    more_services = ServiceChoiceField(
        queryset=SubService.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="More services",
    )
    compensation_help = forms.BooleanField(
        required=False, label="Helped with a crime-victim compensation application"
    )
    minutes = WholeNumberField(
        required=False,
        initial=15,
        label="Minutes spent",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, "max": MAX_MINUTES}),
    )
    funding_source = forms.ChoiceField(
        choices=Contact.Funding.choices, initial=Contact.Funding.VOCA, label="Funding source"
    )
    referrals = forms.CharField(
        required=False,
        label="Referred to",
        help_text="Kinds of agency (e.g. legal aid, shelter); no names of people.",
    )
    notes = forms.CharField(
        required=False,
        label="Confidential notes",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only you and supervisors can read these. Never in exports.",
    )

    def __init__(self, *args, user, contact=None, **kwargs):
        self.user = user
        self.contact = contact
        today = local_today()
        initial = kwargs.setdefault("initial", {})
        if contact is None:
            initial.setdefault("date", today)
            initial.setdefault("staff", user.pk)
            day = current_service_day_for(user, today)
            if day:
                initial.setdefault("service_day", day.pk)
        super().__init__(*args, **kwargs)
        reference_day = contact.date if contact else today
        # Each day once, named in the staff member's language; the choice is the day itself.
        days = ServiceDayPage.objects.days().shown_in(admin_language_of(user))
        if not permissions.works_service_days(user):
            days = days.none()  # service days are the unit's
        self.fields["service_day"].queryset = days.filter(
            date__gte=today - datetime.timedelta(days=120), date__lte=today
        ).order_by("-date", "start_time") | (
            days.filter(pk=contact.service_day_id)
            if contact and contact.service_day_id
            else days.none()
        )
        self.fields["staff"].queryset = permissions.visible_staff(user)
        if not permissions.can_log_for_others(user):
            self.fields["staff"].widget = forms.HiddenInput()
        for name, model in (
            ("race_ethnicity", RaceEthnicity),
            ("gender_identity", GenderIdentity),
            ("age_group", AgeGroup),
        ):
            qs = model.objects.effective_on(reference_day)
            self.fields[name].queryset = qs
            self.fields[name].empty_label = None
            self.fields[name].initial = (
                qs.filter(code="not_reported").values_list("pk", flat=True).first()
            )
        self.fields[
            "special_classifications"
        ].queryset = SpecialClassification.objects.effective_on(reference_day)
        victimizations = VictimizationType.objects.effective_on(reference_day)
        self.fields["common_victimizations"].queryset = victimizations.filter(
            code__in=COMMON_VICTIMIZATIONS
        )
        self.fields["more_victimizations"].queryset = victimizations.exclude(
            code__in=COMMON_VICTIMIZATIONS
        )
        services = SubService.objects.effective_on(reference_day).select_related("category")
        self.fields["common_services"].queryset = services.filter(common=True)
        self.fields["more_services"].queryset = services.filter(common=False)
        self.times_fields = []
        for service in services:
            name = f"times_{service.code}"
            self.fields[name] = WholeNumberField(
                # No bound here: the operation's times_refusal says it, on this field.
                required=False,
                label=f"{service.code} times",
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "times"}),
            )
            self.times_fields.append(name)

    # --- cleaning -------------------------------------------------------------------------------

    def clean(self):
        data = super().clean()
        if not data.get("staff"):
            data["staff"] = self.user
        return data

    def services(self) -> dict:
        chosen = list(self.cleaned_data.get("common_services") or []) + list(
            self.cleaned_data.get("more_services") or []
        )
        times = {s: self.cleaned_data.get(f"times_{s.code}") for s in chosen}
        return {s: 1 if n is None else n for s, n in times.items()}  # blank: once

    def contact_values(self) -> dict:
        """``log_contact``'s arguments from what parsed (a field that did not parse is missing);
        a returning client as the code typed, which the operation looks up."""
        data = self.cleaned_data
        values = {
            "date": data.get("date"),
            "staff": data.get("staff"),
            "service_day": data.get("service_day"),
            "mode": data.get("mode"),
            "victimizations": list(data.get("common_victimizations") or [])
            + list(data.get("more_victimizations") or []),
            "services": self.services(),
            "referrals": data.get("referrals", ""),
            "compensation_help": data.get("compensation_help", False),
            "minutes": data.get("minutes"),
            "funding_source": data.get("funding_source"),
            "notes": data.get("notes", ""),
        }
        if data.get("client_kind") == self.CLIENT_RETURNING:
            values["client_code"] = data.get("client_code", "")
        return values


class NewClientIdentifiersForm(forms.Form):
    """Optional identifiers for a new client: kept only with recorded consent."""

    first_name = forms.CharField(required=False, label="First name or initials")
    phone = forms.CharField(required=False, label="Phone")
    consent_given_on = forms.DateField(required=False, widget=DATE_INPUT, label="Consent given on")
    consent_scope = forms.CharField(
        required=False, label="Consent covers", help_text="e.g. call-backs"
    )
    consent_expires_on = forms.DateField(
        required=False, widget=DATE_INPUT, label="Consent expires on"
    )


class ClientForm(NewClientIdentifiersForm):
    """A client's record: identifiers with consent, and demographics for the report."""

    race_ethnicity = IdChoiceField(queryset=RaceEthnicity.objects.none())
    gender_identity = IdChoiceField(queryset=GenderIdentity.objects.none())
    age_group = IdChoiceField(queryset=AgeGroup.objects.none())
    special_classifications = ReferenceMultipleChoiceField(
        queryset=SpecialClassification.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = WholeNumberField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, label="Reason for the change")

    def __init__(self, *args, client, hidden=frozenset(), **kwargs):
        """``hidden``: identifying fields this user may not see (services.permissions); they are
        neither shown nor changed."""
        identifiers = {
            "first_name": client.first_name,
            "phone": client.phone,
            "consent_scope": client.consent_scope,
        }
        kwargs["initial"] = {
            **{name: value for name, value in identifiers.items() if name not in hidden},
            "consent_given_on": client.consent_given_on,
            "consent_expires_on": client.consent_expires_on,
            "race_ethnicity": client.race_ethnicity_id,
            "gender_identity": client.gender_identity_id,
            "age_group": client.age_group_id,
            "special_classifications": list(
                client.special_classifications.values_list("pk", flat=True)
            ),
            "version": client.version,
        }
        super().__init__(*args, **kwargs)
        for name in hidden:
            del self.fields[name]
        day = local_today()
        for name, model in (
            ("race_ethnicity", RaceEthnicity),
            ("gender_identity", GenderIdentity),
            ("age_group", AgeGroup),
            ("special_classifications", SpecialClassification),
        ):
            # A retired entry the client already has stays offered, so saving keeps it.
            current = model.objects.effective_on(day)
            chosen = self.initial.get(name)
            if chosen:
                pks = chosen if isinstance(chosen, list) else [chosen]
                current = current | model.objects.filter(pk__in=pks)
            self.fields[name].queryset = current


class ContactEditForm(ContactForm):
    """The same screen for changes, with the version read and a reason for late edits."""

    version = WholeNumberField(widget=forms.HiddenInput)
    reason = forms.CharField(
        required=False,
        label="Reason for the change",
        help_text="Required when the contact's day has passed.",
    )

    def __init__(self, *args, contact, **kwargs):
        initial = kwargs.setdefault("initial", {})
        initial.update(
            {
                "date": contact.date,
                "staff": contact.staff_id,
                "service_day": contact.service_day_id,
                "client_kind": self.CLIENT_RETURNING
                if contact.client_id
                else self.CLIENT_ANONYMOUS,
                "client_code": contact.client.code if contact.client_id else "",
                "mode": contact.mode,
                "common_victimizations": list(
                    contact.victimizations.filter(code__in=COMMON_VICTIMIZATIONS).values_list(
                        "pk", flat=True
                    )
                ),
                "more_victimizations": list(
                    contact.victimizations.exclude(code__in=COMMON_VICTIMIZATIONS).values_list(
                        "pk", flat=True
                    )
                ),
                "referrals": contact.referrals,
                "compensation_help": contact.compensation_help,
                "minutes": contact.minutes,
                "funding_source": contact.funding_source,
                "notes": contact.notes,
                "version": contact.version,
            }
        )
        rows = list(contact.contact_services.select_related("service"))
        initial["common_services"] = [cs.service_id for cs in rows if cs.service.common]
        initial["more_services"] = [cs.service_id for cs in rows if not cs.service.common]
        for cs in rows:
            if cs.times > 1:
                initial[f"times_{cs.service.code}"] = cs.times
        super().__init__(*args, user=kwargs.pop("user"), contact=contact, **kwargs)
        self.fields["client_kind"].choices = [
            (self.CLIENT_RETURNING, "Client (by code)"),
            (self.CLIENT_ANONYMOUS, "Anonymous"),
        ]


class VoidForm(forms.Form):
    reason = forms.CharField(
        label="Why is this contact void?",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say why this contact is voided."},
    )
    # Voiding takes a contact out of every count: one click on the wrong record must not do it.
    confirm = forms.BooleanField(
        label="Yes, void it: it stays on record and in history but leaves every count",
        error_messages={"required": "Tick the box to confirm the void; nothing was changed."},
    )
