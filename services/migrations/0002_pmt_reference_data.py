"""The PMT vocabulary as OVC published it, in force from FY2021 (2020-10-01).

A later revision adds rows with a later ``effective_from`` (and closes old rows with
``effective_to``); it never edits these, so past quarters regenerate as reported. Codes are stable.
"""

import datetime

from django.db import migrations

EFFECTIVE_FROM = datetime.date(2020, 10, 1)

VICTIMIZATIONS = [
    ("adult_physical_assault", "Adult Physical Assault (incl. aggravated and simple assault)"),
    ("adult_sexual_assault", "Adult Sexual Assault"),
    ("adults_abused_as_children", "Adults Sexually Abused/Assaulted as Children"),
    ("arson", "Arson"),
    ("bullying", "Bullying (verbal, cyber or physical)"),
    ("burglary", "Burglary"),
    ("child_physical_abuse", "Child Physical Abuse or Neglect"),
    ("child_pornography", "Child Pornography"),
    ("child_sexual_abuse", "Child Sexual Abuse/Assault"),
    ("domestic_family_violence", "Domestic and/or Family Violence"),
    ("dui_dwi", "DUI/DWI Incidents"),
    ("elder_abuse", "Elder Abuse or Neglect"),
    ("hate_crime", "Hate Crime (racial/religious/gender/sexual orientation/other)"),
    ("trafficking_labor", "Human Trafficking: Labor"),
    ("trafficking_sex", "Human Trafficking: Sex"),
    ("identity_theft_fraud", "Identity Theft/Fraud/Financial Crime"),
    ("kidnapping_noncustodial", "Kidnapping (noncustodial)"),
    ("kidnapping_custodial", "Kidnapping (custodial)"),
    ("mass_violence", "Mass Violence (domestic/international)"),
    ("other_vehicular", "Other Vehicular Victimization (e.g. hit and run)"),
    ("robbery", "Robbery"),
    ("stalking_harassment", "Stalking/Harassment"),
    ("homicide_survivors", "Survivors of Homicide Victims"),
    ("teen_dating", "Teen Dating Victimization"),
    ("terrorism", "Terrorism (domestic/international)"),
    ("other", "Other"),
]

SPECIAL_CLASSIFICATIONS = [
    ("deaf_hard_of_hearing", "Deaf/Hard of Hearing"),
    ("homeless", "Homeless"),
    ("immigrant_refugee_asylum", "Immigrants/Refugees/Asylum Seekers"),
    ("lgbtq", "LGBTQ"),
    ("veteran", "Veterans"),
    ("disability", "Victims with Disabilities"),
    ("limited_english", "Victims with Limited English Proficiency"),
    ("other", "Other"),
]

CATEGORIES = [
    ("A", "Information & Referral"),
    ("B", "Personal Advocacy/Accompaniment"),
    ("C", "Emotional Support or Safety Services"),
    ("D", "Shelter/Housing"),
    ("E", "Criminal/Civil Justice System Assistance"),
]

# (code, label, common): "common" ones are checkboxes at the top of the fast-entry form.
SERVICES = [
    ("A1", "Information about the criminal justice process", True),
    ("A2", "Information about victim rights and notification", True),
    ("A3", "Referral to other victim service programs", True),
    (
        "A4",
        "Referral to other services (legal, medical, faith-based, address confidentiality)",
        True,
    ),
    ("B1", "Accompaniment to emergency medical care", False),
    ("B2", "Accompaniment to a medical forensic exam", False),
    ("B3", "Accompaniment to a law-enforcement interview", False),
    ("B4", "Individual advocacy (public benefits, return of property)", True),
    ("B5", "Performance of a forensic exam/interview or evidence collection", False),
    ("B6", "Immigration assistance", False),
    ("B7", "Intervention with an employer, creditor, landlord or school", False),
    ("B8", "Child or dependent care", False),
    ("B9", "Transportation", False),
    ("B10", "Interpreter services", False),
    ("C1", "Crisis intervention (incl. safety planning)", True),
    ("C2", "Hotline/crisis-line counseling", False),
    ("C3", "On-scene crisis response", False),
    ("C4", "Individual counseling", True),
    ("C5", "Support groups", False),
    ("C6", "Other therapy", False),
    ("C7", "Emergency financial assistance", False),
    ("D1", "Emergency shelter or safe house", False),
    ("D2", "Transitional housing", False),
    ("D3", "Relocation assistance", False),
    ("E1", "Notification of criminal justice events", True),
    ("E2", "Victim impact statement", False),
    ("E3", "Restitution", False),
    ("E4", "Protection/restraining order", True),
    ("E5", "Family law", False),
    ("E6", "Other emergency justice-related assistance", False),
    ("E7", "Immigration", False),
    ("E8", "Prosecution interview advocacy", False),
    ("E9", "Law-enforcement interview advocacy", False),
    ("E10", "Criminal advocacy/accompaniment", False),
    ("E11", "Other legal advice and/or counsel", False),
]

RACE_ETHNICITY = [
    ("american_indian_alaska_native", "American Indian or Alaska Native"),
    ("asian", "Asian"),
    ("black", "Black or African American"),
    ("hispanic_latino", "Hispanic or Latino"),
    ("native_hawaiian_pacific_islander", "Native Hawaiian and Other Pacific Islander"),
    ("white", "White Non-Latino or Caucasian"),
    ("some_other_race", "Some Other Race"),
    ("multiple_races", "Multiple Races"),
    ("not_reported", "Not Reported"),
    ("not_tracked", "Not Tracked"),
]

GENDER_IDENTITY = [
    ("male", "Male"),
    ("female", "Female"),
    ("other", "Other"),
    ("not_reported", "Not Reported"),
    ("not_tracked", "Not Tracked"),
]

AGE_GROUPS = [
    ("0_12", "0–12"),
    ("13_17", "13–17"),
    ("18_24", "18–24"),
    ("25_59", "25–59"),
    ("60_plus", "60 and older"),
    ("not_reported", "Not Reported"),
    ("not_tracked", "Not Tracked"),
]


def load(apps, schema_editor):
    def simple(model_name, rows):
        model = apps.get_model("services", model_name)
        for order, (code, label) in enumerate(rows, start=1):
            model.objects.get_or_create(
                code=code,
                effective_from=EFFECTIVE_FROM,
                defaults={"label": label, "sort_order": order},
            )

    simple("VictimizationType", VICTIMIZATIONS)
    simple("SpecialClassification", SPECIAL_CLASSIFICATIONS)
    simple("ServiceCategory", CATEGORIES)
    simple("RaceEthnicity", RACE_ETHNICITY)
    simple("GenderIdentity", GENDER_IDENTITY)
    simple("AgeGroup", AGE_GROUPS)
    ServiceCategory = apps.get_model("services", "ServiceCategory")
    SubService = apps.get_model("services", "SubService")
    categories = {c.code: c for c in ServiceCategory.objects.filter(effective_from=EFFECTIVE_FROM)}
    for order, (code, label, common) in enumerate(SERVICES, start=1):
        SubService.objects.get_or_create(
            code=code,
            effective_from=EFFECTIVE_FROM,
            defaults={
                "label": label,
                "sort_order": order,
                "category": categories[code[0]],
                "common": common,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
