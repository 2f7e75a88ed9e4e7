"""The staff roles, as Django groups, and the permissions each job needs.

This is the one table that says which role holds which model permission. Row-level rules
(which contacts a field worker may open) live in each app's ``permissions.py``.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction

ADVOCATE = "Advocate"
SOCIAL_WORKER = "Social Worker"
PROGRAM_REPRESENTATIVE = "Program Representative"
SUPERVISOR = "Supervisor"
FINANCE = "Finance"
GRANTS_MANAGER = "Grants Manager"
EDITOR = "Editor"
AUDITOR = "Auditor"
ADMINISTRATOR = "Administrator"
# A subrecipient's own people (a local agency funded by subaward): each sees only its agency.
AGENCY_DIRECTOR = "Agency Director"
AGENCY_FINANCE = "Agency Finance"
AGENCY_ADVOCATE = "Agency Advocate"

FIELD_STAFF = (ADVOCATE, SOCIAL_WORKER, PROGRAM_REPRESENTATIVE, AGENCY_ADVOCATE)
# Who oversees field staff and every contact of their organization (and voids with a reason).
SUPERVISORS = (SUPERVISOR, AGENCY_DIRECTOR)
AGENCY_ROLES = (AGENCY_DIRECTOR, AGENCY_FINANCE, AGENCY_ADVOCATE)

ADMIN_ACCESS = "wagtailadmin.access_admin"
PAGE_EDITING = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# The reusable lists behind service days (places, services offered, languages).
EVENTS_SNIPPET_EDITING = tuple(
    f"events.{action}_{model}"
    for model in ("location", "service", "language")
    for action in ("add", "change", "delete")
)
# Confidential contact logging (services); services/permissions.py narrows these per row.
SERVICES_FIELD_WORK = (
    "services.add_contact",
    "services.change_contact",
    "services.view_contact",
    "services.add_client",
    "services.change_client",
    "services.view_client",
)
SERVICES_SUPERVISION = (
    *SERVICES_FIELD_WORK,
    "services.void_contact",
    "services.view_accesslog",
    "services.add_staffassignment",
    "services.change_staffassignment",
    "services.delete_staffassignment",
    "services.view_staffassignment",
)
# An agency director oversees its own contacts like the unit's supervisor; service days (and so
# their staffing) are the unit's.
SERVICES_AGENCY_SUPERVISION = (
    *SERVICES_FIELD_WORK,
    "services.void_contact",
    "services.view_accesslog",
)
SERVICES_AUDIT = ("services.view_contact", "services.view_client", "services.view_accesslog")
MEDIA_EDITING = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)

# The VOCA ledger (grants): everyone who handles money may read all of it.
GRANTS_READ = (
    "grants.view_award",
    "grants.view_budgetline",
    "grants.view_budgetrevision",
    "grants.view_draw",
    "grants.view_matchcontribution",
    "grants.view_awardcloseout",
    "grants.view_obligation",
)
FINANCE_PERMISSIONS = (
    *GRANTS_READ,
    "grants.add_draw",
    "grants.submit_draw",
    "grants.pay_draw",
    "grants.reverse_draw",
    "grants.pay_obligation",
    "grants.add_matchcontribution",
    "grants.add_budgetrevision",
)
GRANTS_MANAGER_PERMISSIONS = (
    *GRANTS_READ,
    "grants.add_award",
    "grants.add_budgetline",
    "grants.add_budgetrevision",
    "grants.approve_budgetrevision",
    "grants.approve_draw",
    "grants.add_awardcloseout",
    "grants.add_obligation",
)
# Subrecipients and their subawards (subawards/): the grants manager makes them; every state money
# role reads them. A subrecipient's own people are decided by subawards/permissions.py.
SUBAWARDS_READ = (
    "subawards.view_subaward",
    "organizations.view_organization",
    "organizations.view_exclusioncheck",
)
SUBAWARDS_MANAGEMENT = (
    *SUBAWARDS_READ,
    "organizations.add_organization",
    "organizations.change_organization",
    "organizations.add_exclusioncheck",
    "subawards.add_subaward",
    "subawards.issue_subaward",
    "subawards.decide_subaward_revision",
    # Match waivers and volunteers (28 CFR 94.118): the published policy, the decisions.
    "subawards.add_waiverpolicy",
    "subawards.decide_match_waiver",
    "subawards.add_volunteerwaiver",
)
# Reimbursement claims of subrecipients (subawards/, the CLAIMS table): program approval is the
# Grants Manager's, finance approval and payment Finance's; both review (send back, reject).
CLAIMS_READ = ("subawards.view_claim",)
CLAIMS_PROGRAM = (*CLAIMS_READ, "subawards.review_claim", "subawards.approve_claim_program")
CLAIMS_FINANCE = (
    *CLAIMS_READ,
    "subawards.review_claim",
    "subawards.approve_claim_finance",
    "subawards.pay_claim",
)
# Subrecipients' quarterly performance reports (performance/, the REPORTS table): the state's money
# roles and the auditor read them and download the roll-up; the Grants Manager returns or accepts.
# A subrecipient's director and finance prepare and submit theirs (performance/permissions.py).
PERFORMANCE_READ = ("performance.view_quarterlyreport", "performance.generate_performance_rollup")
PERFORMANCE_REVIEW = (*PERFORMANCE_READ, "performance.review_quarterly_report")

# Subrecipient monitoring (monitoring/): the grants manager assesses risk, reviews, visits, records
# findings and single audits and closes corrective actions; the auditor reads. An agency's own
# people see their findings by monitoring/permissions.py.
MONITORING_READ = ("monitoring.view_riskassessment",)
MONITORING_MANAGEMENT = (
    *MONITORING_READ,
    "monitoring.add_riskassessment",
    "monitoring.close_finding",
)
# The funder's reports on subawards (subawards/: SARs, FFATA): the grants manager files them.
FUNDER_REPORTS_READ = (
    "subawards.view_subgrantawardreport",
    "subawards.view_ffatareport",
    "subawards.view_executivecompensation",
)
FUNDER_REPORTS = (
    *FUNDER_REPORTS_READ,
    "subawards.report_subgrantawardreport",
    "subawards.add_ffatareport",
    "subawards.add_executivecompensation",
)
# Compliance exports (grants/reports): aggregate reports only; nobody gets client-level data.
PMT_REPORTS = ("grants.generate_pmt_report",)
MONEY_REPORTS = ("grants.generate_money_reports",)
EXPORT_LOG = ("grants.view_exportlog",)
# Staff accounts (Wagtail's Settings -> Users): add people, set passwords, give and take roles.
# Not the groups' permissions: those are this file, and setup_roles puts them back.
ACCOUNT_ADMINISTRATION = ("auth.add_user", "auth.change_user", "auth.view_user")


@dataclass(frozen=True)
class Role:
    name: str
    job: str
    # Global model permissions, "app_label.codename".
    permissions: tuple[str, ...] = ()
    # Wagtail page permissions granted on the root page (the whole public site).
    page_permissions: tuple[str, ...] = ()
    # Wagtail collection permissions granted on the root collection.
    collection_permissions: tuple[str, ...] = field(default=())


ROLES: tuple[Role, ...] = (
    Role(
        ADVOCATE,
        "Field staff: logs contacts with the victims they serve.",
        permissions=SERVICES_FIELD_WORK,
    ),
    Role(
        SOCIAL_WORKER,
        "Field staff: logs contacts with the victims they serve.",
        permissions=SERVICES_FIELD_WORK,
    ),
    Role(
        PROGRAM_REPRESENTATIVE,
        "Field staff: logs contacts with the victims they serve.",
        permissions=SERVICES_FIELD_WORK,
    ),
    Role(
        SUPERVISOR,
        "Oversees field staff and all contacts; voids records with a reason.",
        permissions=SERVICES_SUPERVISION + PMT_REPORTS,
    ),
    Role(
        FINANCE,
        "Records spending against the VOCA award.",
        permissions=FINANCE_PERMISSIONS
        + SUBAWARDS_READ
        + FUNDER_REPORTS_READ
        + CLAIMS_FINANCE
        + PERFORMANCE_READ
        + PMT_REPORTS
        + MONEY_REPORTS
        + EXPORT_LOG,
    ),
    Role(
        GRANTS_MANAGER,
        "Owns the award; approves spending recorded by others.",
        permissions=GRANTS_MANAGER_PERMISSIONS
        + SUBAWARDS_MANAGEMENT
        + FUNDER_REPORTS
        + CLAIMS_PROGRAM
        + PERFORMANCE_REVIEW
        + MONITORING_MANAGEMENT
        + PMT_REPORTS
        + MONEY_REPORTS,
    ),
    Role(
        EDITOR,
        "Runs the public site: pages, service days, locations, site settings.",
        permissions=(
            "cms.change_sitesettings",
            "cms.add_sitetexts",
            "cms.change_sitetexts",
            *EVENTS_SNIPPET_EDITING,
            # wagtail-localize's "Translate" on pages and snippets.
            "wagtail_localize.submit_translation",
        ),
        page_permissions=PAGE_EDITING,
        collection_permissions=MEDIA_EDITING,
    ),
    Role(
        AUDITOR,
        "Read-only: history, access logs and reports.",
        permissions=GRANTS_READ
        + SUBAWARDS_READ
        + FUNDER_REPORTS_READ
        + CLAIMS_READ
        + PERFORMANCE_READ
        + MONITORING_READ
        + SERVICES_AUDIT
        + PMT_REPORTS
        + MONEY_REPORTS
        + EXPORT_LOG,
    ),
    Role(
        AGENCY_DIRECTOR,
        "A subrecipient's director: oversees its field staff and contacts, voids with a reason, "
        "and manages its people.",
        permissions=SERVICES_AGENCY_SUPERVISION,
    ),
    Role(
        AGENCY_FINANCE,
        "A subrecipient's finance officer: its claims for reimbursement; no client records.",
    ),
    Role(
        AGENCY_ADVOCATE,
        "A subrecipient's field staff: logs contacts with the victims they serve.",
        permissions=SERVICES_FIELD_WORK,
    ),
    Role(
        ADMINISTRATOR,
        "Adds staff accounts, sets passwords and gives roles; sees no client records or money.",
        permissions=ACCOUNT_ADMINISTRATION,
    ),
)

ROLES_BY_NAME = {role.name: role for role in ROLES}

# Roles one person may not hold together, and why; the Roles tab refuses such an account.
SEPARATED_DUTIES: tuple[tuple[frozenset[str], str], ...] = (
    (
        frozenset({FINANCE, GRANTS_MANAGER}),
        "Finance and Grants Manager cannot be held together: Finance records spending and the "
        "Grants Manager approves it, so one person would approve their own spending.",
    ),
    # Whoever gives roles holds none that opens client records or money, so an administrator
    # cannot reach them without a second administrator's change (nobody changes their own roles).
    *(
        (
            frozenset({ADMINISTRATOR, other}),
            f"Administrator and {other} cannot be held together: an administrator gives roles, "
            "so holds none that sees client records or money. Use a separate account.",
        )
        for other in (*FIELD_STAFF, SUPERVISOR, FINANCE, GRANTS_MANAGER, AUDITOR)
    ),
)


def organization_breaches(names, *, for_unit: bool) -> list[str]:
    """Why these roles may not be held by a person of the unit (``for_unit``) or of a
    subrecipient (empty when they may): agency roles are a subrecipient's, the others the unit's."""
    held = set(names)
    if for_unit:
        wrong = sorted(held & set(AGENCY_ROLES))
        if wrong:
            return [
                f"{', '.join(wrong)}: agency roles are held only by a subrecipient's people; "
                "this person works for the unit."
            ]
        return []
    wrong = sorted(held - set(AGENCY_ROLES))
    if wrong:
        return [
            f"{', '.join(wrong)}: the unit's roles are held only by the unit's people; this person "
            "works for a subrecipient (give an agency role)."
        ]
    return []


def role_description(name: str) -> str:
    """What a role is for, as shown beside its checkbox ("" for a group that is not a role)."""
    role = ROLES_BY_NAME.get(name)
    return role.job if role else ""


def separation_breaches(names) -> list[str]:
    """Why these roles may not be held by one person (empty when they may)."""
    held = set(names)
    return [reason for roles, reason in SEPARATED_DUTIES if roles <= held]


# Wagtail's starter groups; removed while nobody is in them so the role list is ours alone.
WAGTAIL_DEFAULT_GROUPS = ("Moderators", "Editors")


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def sync_roles() -> list[Group]:
    """Create or update every role group so it holds exactly the permissions declared above."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    groups = []
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        group.permissions.set(
            [_permission(ADMIN_ACCESS), *(_permission(p) for p in role.permissions)]
        )
        wanted_pages = {_permission(f"wagtailcore.{p}") for p in role.page_permissions}
        GroupPagePermission.objects.filter(group=group).exclude(
            page=root_page, permission__in=wanted_pages
        ).delete()
        for perm in wanted_pages:
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=perm)
        wanted_collections = {_permission(p) for p in role.collection_permissions}
        GroupCollectionPermission.objects.filter(group=group).exclude(
            collection=root_collection, permission__in=wanted_collections
        ).delete()
        for perm in wanted_collections:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=perm
            )
        groups.append(group)
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    return groups
