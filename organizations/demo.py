"""Demo subrecipients: the three local agencies the demo's subawards fund.

Their staff accounts, contacts, subawards and claims are added by the apps that own those records;
each finds its agency here by UEI (``DEMO_AGENCIES``)."""

from .models import Membership, Organization, OrganizationKind, OvcOrganizationType

SHELTER_UEI = "K7LMN2PQR3ST"
CAC_UEI = "G4WCAC7XY2Z1"
LEGAL_AID_UEI = "L3GAL8AQW5EM"

DEMO_AGENCIES = (
    {
        "uei": SHELTER_UEI,
        "legal_name": "Safe Harbor Domestic Violence Shelter, Inc.",
        "short_name": "Safe Harbor",
        "ovc_type": OvcOrganizationType.NONPROFIT_DOMESTIC_VIOLENCE,
        "street": "1400 Olive Street",
        "city": "St. Louis",
        "zip_code": "63103",
        "congressional_district": "MO-01",
        "service_area": "St. Louis City\nSt. Louis County",
        "contact_name": "Dana Reyes",
        "contact_title": "Executive Director",
        "contact_email": "director@safeharbor.example.org",
        "contact_phone": "314-555-0140",
    },
    {
        "uei": CAC_UEI,
        "legal_name": "Gateway Child Advocacy Center",
        "short_name": "Gateway CAC",
        "ovc_type": OvcOrganizationType.NONPROFIT_CHILD_ABUSE,
        "street": "2200 Hampton Avenue",
        "city": "St. Louis",
        "zip_code": "63139",
        "congressional_district": "MO-01",
        "service_area": "St. Louis City\nSt. Louis County\nSt. Charles County",
        "contact_name": "Morgan Lee",
        "contact_title": "Program Director",
        "contact_email": "director@gatewaycac.example.org",
        "contact_phone": "314-555-0160",
    },
    {
        "uei": LEGAL_AID_UEI,
        "legal_name": "Eastern Missouri Victims Legal Aid",
        "short_name": "Legal Aid",
        "ovc_type": OvcOrganizationType.NONPROFIT_LEGAL,
        "street": "4232 Forest Park Avenue",
        "city": "St. Louis",
        "zip_code": "63108",
        "congressional_district": "MO-01",
        "service_area": "St. Louis City\nJefferson County",
        "contact_name": "Riley Chen",
        "contact_title": "Managing Attorney",
        "contact_email": "director@victimslegalaid.example.org",
        "contact_phone": "314-555-0180",
    },
)


# Each agency's demo people: the accounts named "<prefix>.director", ".finance", ".advocate"
# (created with the other demo log-ins by voca/demo.py) work for it.
PEOPLE_PREFIX = {SHELTER_UEI: "safeharbor", CAC_UEI: "gatewaycac", LEGAL_AID_UEI: "legalaid"}


def people_of(agency: Organization):
    """The demo accounts of ``agency`` (by their username's prefix)."""
    from django.contrib.auth import get_user_model

    prefix = PEOPLE_PREFIX[agency.uei]
    return get_user_model().objects.filter(username__startswith=f"{prefix}.")


def ensure_memberships(agencies) -> int:
    """Each agency's demo people work for it; returns how many were new."""
    added = 0
    for agency in agencies:
        for person in people_of(agency):
            _, created = Membership.objects.get_or_create(
                user=person, defaults={"organization": agency}
            )
            added += created
    return added


def ensure_demo_agencies() -> list[Organization]:
    """The three demo subrecipients, created once (found by UEI after that)."""
    agencies = []
    for fields in DEMO_AGENCIES:
        values = dict(fields)
        uei = values.pop("uei")
        agency, _ = Organization.objects.get_or_create(
            uei=uei, defaults={"kind": OrganizationKind.SUBRECIPIENT, **values}
        )
        agencies.append(agency)
    return agencies


def load(stdout):
    agencies = ensure_demo_agencies()
    stdout.write(f"Subrecipients: {len(agencies)} ({', '.join(str(a) for a in agencies)})")
    added = ensure_memberships(agencies)
    stdout.write(f"  their people: {added} accounts joined their agency")
