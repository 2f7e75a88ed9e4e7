"""Demo contacts: ~300 de-identified encounters over the last two federal quarters.

Deterministic (one seeded Random), idempotent (does nothing once demo contacts exist) and written
through ``services.operations`` like real work, so history and staffing look as they would.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.models import ServiceDayPage
from services import operations
from services.models import (
    AgeGroup,
    Contact,
    GenderIdentity,
    RaceEthnicity,
    SpecialClassification,
    SubService,
    VictimizationType,
)
from services.panels import federal_quarter
from voca import roles
from voca.clock import local_today

SEED = 94115
TARGET_CONTACTS = 300

# Extra field staff so the supervisor's per-staff table has the four people of a service day.
EXTRA_STAFF = (
    ("socialworker2", "Jordan", "Social Worker", roles.SOCIAL_WORKER),
    ("programrep2", "Riley", "Program Representative", roles.PROGRAM_REPRESENTATIVE),
)
DEMO_FIELD_USERNAMES = ("advocate", "socialworker", "programrep", "socialworker2", "programrep2")

# Weighted mixes, roughly as a metro victim-services unit sees them.
VICTIMIZATION_WEIGHTS = {
    "domestic_family_violence": 24,
    "adult_physical_assault": 14,
    "robbery": 8,
    "stalking_harassment": 8,
    "homicide_survivors": 7,
    "identity_theft_fraud": 7,
    "burglary": 6,
    "adult_sexual_assault": 6,
    "child_physical_abuse": 4,
    "elder_abuse": 3,
    "dui_dwi": 3,
    "other_vehicular": 3,
    "hate_crime": 2,
    "trafficking_sex": 1,
    "teen_dating": 2,
    "other": 2,
}
SERVICE_WEIGHTS = {
    "A1": 30,
    "A2": 28,
    "A3": 14,
    "A4": 16,
    "C1": 22,
    "C4": 8,
    "B4": 10,
    "B9": 3,
    "B10": 3,
    "E1": 12,
    "E2": 4,
    "E4": 6,
    "E3": 3,
    "D1": 2,
    "C7": 2,
}
NOTES = (
    "Discussed safety plan; client will call back after court date.",
    "Explained compensation application and deadlines.",
    "Provided victim rights brochure and notification sign-up.",
    "Referred to legal aid for protection order.",
    "Follow-up on restitution status.",
    "Client prefers phone contact in the mornings.",
    "",
    "",
)
REFERRALS = ("", "", "", "legal aid", "shelter hotline", "counseling program", "food pantry")


def _weighted(rng, weights: dict, k: int) -> list[str]:
    chosen: list[str] = []
    codes, w = list(weights), list(weights.values())
    while len(chosen) < k:
        pick = rng.choices(codes, weights=w)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _ensure_staff():
    User = get_user_model()
    for username, first, last, role in EXTRA_STAFF:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if created:
            # Colleagues in the figures only: they cannot sign in.
            user.set_unusable_password()
            user.save()
        user.groups.add(Group.objects.get(name=role))
    return list(User.objects.filter(username__in=DEMO_FIELD_USERNAMES).order_by("username"))


def _fallback_service_days(start: datetime.date, today: datetime.date):
    """Only when the events demo left no days in range: a few past days to hang contacts on."""
    from wagtail.models import Site

    from events.models import Location, Service, ServiceDayIndexPage

    index = ServiceDayIndexPage.objects.first()
    if index is None:
        index = ServiceDayIndexPage(title="Service days", slug="service-days")
        Site.objects.get(is_default_site=True).root_page.specific.add_child(instance=index)
    location, _ = Location.objects.get_or_create(
        name="Carpenter Branch Library",
        defaults={
            "street": "3309 S Grand Blvd",
            "zip_code": "63118",
            "area": "St. Louis City",
            "latitude": "38.599400",
            "longitude": "-90.242800",
        },
    )
    service, _ = Service.objects.get_or_create(
        name="Crime victim compensation help", defaults={"slug": "compensation-help"}
    )
    days = []
    for weeks_back in (18, 14, 10, 7, 4, 2):
        date = today - datetime.timedelta(weeks=weeks_back)
        date -= datetime.timedelta(days=(date.weekday() - 5) % 7)  # the Saturday before
        if date < start:
            continue
        page = ServiceDayPage(
            title=f"Victim Service Day {date:%b %-d}",
            slug=f"victim-service-day-{date:%Y-%m-%d}",
            date=date,
            start_time=datetime.time(10),
            end_time=datetime.time(14),
            location=location,
            live=False,
        )
        index.add_child(instance=page)
        page.services = [service]
        page.save_revision().publish()
        days.append(page)
    return days


def load(stdout):
    _load_unit(stdout)
    _load_agencies(stdout)


# What each demo agency's people log: a few clients and contacts of its own (never the unit's,
# never on a service day: those are the unit's).
AGENCY_SERVICES = {
    "safeharbor": (("C1", "D1"), ("C2",), ("D1", "B4"), ("A3",)),
    "gatewaycac": (("B5",), ("C4",), ("A1", "A2"), ("B1",)),
    "legalaid": (("E4",), ("E5", "A1"), ("E11",), ("E4", "E1")),
}
AGENCY_VICTIMIZATIONS = {
    "safeharbor": "domestic_family_violence",
    "gatewaycac": "child_sexual_abuse",
    "legalaid": "stalking_harassment",
}


def _load_agencies(stdout):
    """Each demo agency's advocate registers three clients and logs their contacts, through the
    operations as the agency's people would (each record is the agency's)."""
    from organizations.demo import PEOPLE_PREFIX, ensure_demo_agencies, people_of

    logged = 0
    today = local_today()
    for agency in ensure_demo_agencies():
        if Contact.objects.filter(organization=agency).exists():
            continue
        prefix = PEOPLE_PREFIX[agency.uei]
        advocate = people_of(agency).filter(groups__name=roles.AGENCY_ADVOCATE).first()
        if advocate is None:
            continue
        victimization = VictimizationType.objects.current().filter(
            code=AGENCY_VICTIMIZATIONS[prefix]
        )
        for index, codes in enumerate(AGENCY_SERVICES[prefix]):
            client = operations.create_client(actor=advocate) if index < 3 else None
            for days_ago in (index * 9 + 2, index * 9 + 30)[: 2 if client else 1]:
                operations.log_contact(
                    actor=advocate,
                    date=today - datetime.timedelta(days=days_ago),
                    client=client,
                    mode=Contact.Mode.IN_PERSON if index % 2 else Contact.Mode.PHONE,
                    victimizations=list(victimization) if client else [],
                    services=dict.fromkeys(codes, 1),
                    minutes=30,
                )
                logged += 1
    if logged:
        stdout.write(f"  agency contacts: {logged} logged by the three agencies' advocates")


def _load_unit(stdout):
    if Contact.objects.filter(organization__kind="unit").exists():
        stdout.write("  contacts: already in place")
        return
    rng = random.Random(SEED)  # noqa: S311 (demo data, reproducible on purpose)
    today = local_today()
    previous_quarter_start = federal_quarter(federal_quarter(today)[0] - datetime.timedelta(1))[0]
    supervisor = get_user_model().objects.get(username="supervisor")
    staff = _ensure_staff()

    days = list(
        ServiceDayPage.objects.days()
        .filter(date__gte=previous_quarter_start)
        .exclude(status=ServiceDayPage.Status.CANCELLED)
        .order_by("date")
    )
    if not [d for d in days if d.date <= today]:
        days += _fallback_service_days(previous_quarter_start, today)
        stdout.write("  service days: none in the last two quarters; created a few past ones")
    # Four or five staff per day (two program representatives, two social workers, advocates).
    staffed = {}
    for day in days:
        staffed[day.pk] = rng.sample(staff, k=min(len(staff), 4 + (day.pk % 2)))
        for user in staffed[day.pk]:
            operations.assign_staff(actor=supervisor, user=user, service_day=day)
    past_days = [d for d in days if d.date <= today]

    demographics = {
        "age": list(AgeGroup.objects.current()),
        "gender": list(GenderIdentity.objects.current()),
        "race": list(RaceEthnicity.objects.current()),
    }
    classifications = list(SpecialClassification.objects.current())
    victimizations = {v.code: v for v in VictimizationType.objects.current()}
    services_by_code = {s.code: s for s in SubService.objects.current()}
    clients = []  # (client, first staff member)
    total_days = (today - previous_quarter_start).days

    for _ in range(TARGET_CONTACTS):
        at_day = past_days and rng.random() < 0.65
        if at_day:
            day = rng.choice(past_days)
            date = day.date
            worker = rng.choice(staffed[day.pk] or staff)
            mode = Contact.Mode.IN_PERSON
        else:
            day = None
            date = previous_quarter_start + datetime.timedelta(days=rng.randrange(total_days + 1))
            worker = rng.choice(staff)
            mode = rng.choices(
                [Contact.Mode.PHONE, Contact.Mode.IN_PERSON, Contact.Mode.VIDEO, "outreach"],
                weights=[55, 25, 10, 10],
            )[0]
        roll = rng.random()
        if roll < 0.15:
            client = None
        elif roll < 0.45 and clients:
            client = rng.choice(clients)
        else:
            client = operations.create_client(
                actor=worker,
                age_group=rng.choices(demographics["age"], weights=[3, 6, 14, 60, 12, 4, 1])[0],
                gender_identity=rng.choices(demographics["gender"], weights=[30, 62, 3, 4, 1])[0],
                race_ethnicity=rng.choices(
                    demographics["race"], weights=[1, 2, 46, 5, 1, 35, 2, 3, 4, 1]
                )[0],
                special_classifications=rng.sample(classifications, k=rng.choice([0, 0, 0, 1])),
            )
            clients.append(client)
        codes = _weighted(rng, SERVICE_WEIGHTS, rng.choice([1, 1, 2, 2, 2, 3, 4]))
        services = {services_by_code[c]: (2 if rng.random() < 0.08 else 1) for c in codes}
        operations.log_contact(
            actor=worker,
            date=date,
            service_day=day,
            client=client,
            mode=mode,
            victimizations=[
                victimizations[c]
                for c in _weighted(rng, VICTIMIZATION_WEIGHTS, rng.choice([1, 1, 1, 2]))
            ],
            services=services,
            referrals=rng.choice(REFERRALS) if {"A3", "A4"} & set(codes) else "",
            compensation_help=rng.random() < 0.2,
            minutes=rng.choice([10, 15, 15, 20, 20, 30, 30, 45, 60]),
            funding_source=rng.choices(["voca", "match", "other"], weights=[80, 15, 5])[0],
            notes=rng.choice(NOTES),
        )

    # A supervisor's corrections: two voided duplicates.
    for contact in Contact.objects.order_by("pk")[5:7]:
        operations.void_contact(contact.pk, actor=supervisor, reason="Duplicate entry")
    stdout.write(
        f"  contacts: {Contact.objects.count()} logged for {len(clients)} clients across "
        f"{len(past_days)} service days and two federal quarters"
    )
