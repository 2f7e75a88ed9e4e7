"""Plain factory functions for tests: no framework, just the smallest valid objects."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "correct-horse-battery-staple"


def make_user(username: str, *roles: str, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


# --- Public site: service days (events) and content pages -----------------------------------


def home_page():
    from wagtail.models import Locale

    from cms.models import HomePage

    return HomePage.objects.get(locale=Locale.get_default())


def make_service_day_index(**fields):
    from wagtail.models import Locale

    from events.models import ServiceDayIndexPage

    existing = ServiceDayIndexPage.objects.filter(locale=Locale.get_default()).first()
    if existing:
        return existing
    fields.setdefault("title", "Service days")
    index_page = ServiceDayIndexPage(slug="service-days", **fields)
    home_page().add_child(instance=index_page)
    return index_page


def make_location(name="Carpenter Branch Library", **fields):
    from events.models import Location

    defaults = {
        "street": "3309 S Grand Blvd",
        "city": "St. Louis",
        "zip_code": "63118",
        "area": "St. Louis City",
        "latitude": "38.599400",
        "longitude": "-90.242800",
    }
    return Location.objects.create(name=name, **{**defaults, **fields})


def make_service(name="Compensation application help", slug=None, **fields):
    from django.utils.text import slugify
    from wagtail.models import Locale

    from events.models import Service

    return Service.objects.get_or_create(
        name=name, locale=Locale.get_default(), defaults={"slug": slug or slugify(name), **fields}
    )[0]


def make_language(name="Spanish", code="es", **fields):
    from wagtail.models import Locale

    from events.models import Language

    return Language.objects.get_or_create(
        code=code, locale=Locale.get_default(), defaults={"name": name, **fields}
    )[0]


def make_service_day(
    date,
    title=None,
    location=None,
    services=(),
    languages=(),
    staffing=(("program_representative", 2), ("social_worker", 2)),
    publish=True,
    **fields,
):
    """A service day under the index page, published unless publish=False (live=True without
    publish makes a live page without a revision: quick for long lists)."""
    import datetime

    from events.models import ServiceDayPage, ServiceDayStaffing

    index_page = make_service_day_index()
    location = location or make_location()
    page = ServiceDayPage(
        title=title or f"Service day at {location.name}",
        date=date,
        start_time=fields.pop("start_time", datetime.time(10, 0)),
        end_time=fields.pop("end_time", datetime.time(14, 0)),
        location=location,
        live=fields.pop("live", False),
        **fields,
    )
    page.services = list(services) or [make_service()]
    page.languages = list(languages)
    page.staffing = [ServiceDayStaffing(role=role, count=count) for role, count in staffing]
    index_page.add_child(instance=page)
    if publish:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def make_content_page(title="Your rights as a victim", parent=None, **fields):
    from cms.models import ContentPage

    page = ContentPage(
        title=title, body=fields.pop("body", "<p>You have rights.</p>"), live=False, **fields
    )
    (parent or home_page()).add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- grants (the VOCA ledger) --------------------------------------------------------------------


def make_award(actor, total="100000.00", number="15POVC-TEST-0001", **fields):
    """An award for FY2026, 1 Oct 2025 - 30 Sep 2027, written through grants.operations."""
    import datetime as dt

    from grants import operations

    values = {
        "federal_award_number": number,
        "administering_agency": "State Department of Public Safety",
        "federal_fiscal_year": 2026,
        "total_amount": total,
        "period_start": dt.date(2025, 10, 1),
        "period_end": dt.date(2027, 9, 30),
        "reason": "Award letter received",
    }
    values.update(fields)
    return operations.create_award(actor=actor, **values)


def make_line(actor, award, amount="10000.00", category="personnel", **fields):
    from grants import operations

    values = {
        "program": "Victim Service Days",
        "description": "Program representatives",
        "reason": "Approved budget",
    }
    values.update(fields)
    return operations.add_budget_line(
        actor=actor, award_id=award.pk, category=category, amount=amount, **values
    )


def make_draw(actor, line, amount="100.00", submit=False, **fields):
    import datetime as dt

    from grants import operations

    values = {"incurred_on": dt.date(2026, 3, 15), "payee": "Acme Print", "description": "Flyers"}
    values.update(fields)
    return operations.request_draw(
        actor=actor, line_id=line.pk, amount=amount, submit=submit, **values
    )


def make_paid_draw(actor, approver, line, amount="100.00", **fields):
    """A draw by ``actor``, approved by ``approver``: requested, submitted, approved and paid."""
    from grants import operations

    draw = make_draw(actor, line, amount, submit=True, **fields)
    operations.approve_draw(actor=approver, draw_id=draw.pk)
    return operations.pay_draw(actor=actor, draw_id=draw.pk)


def make_revision(actor, from_line, to_line, amount="10.00", approver=None, **fields):
    """A budget revision from ``from_line`` to ``to_line``; approved when ``approver`` is given."""
    from grants import operations

    fields.setdefault("reason", "Budget revision")
    revision = operations.request_revision(
        actor=actor,
        award_id=to_line.award_id,
        from_line_id=from_line.pk if from_line else None,
        to_line_id=to_line.pk,
        amount=amount,
        **fields,
    )
    if approver is not None:
        revision = operations.approve_revision(actor=approver, revision_id=revision.pk)
    return revision


def make_match(actor, award, **fields):
    import datetime as dt

    from grants import operations

    fields.setdefault("contributed_on", dt.date(2026, 3, 1))
    fields.setdefault("kind", "cash")
    fields.setdefault("description", "County cash match")
    if "hours" not in fields:
        fields.setdefault("value", "500.00")
    return operations.record_match(actor=actor, award_id=award.pk, **fields)


def make_export_log(user, **fields):
    """An export log entry as a finished report leaves it (the log is written by the report run)."""
    from grants.models import ExportLog

    fields.setdefault("run_by", user.username)
    fields.setdefault("report", "pmt")
    fields.setdefault("report_title", "PMT performance report")
    fields.setdefault("report_version", "1")
    fields.setdefault("format", "xlsx")
    fields.setdefault("parameters", {"quarter": "FY2026Q4"})
    fields.setdefault("sha256", "0" * 64)
    fields.setdefault("size", 10)
    from organizations.access import owning_organization

    fields.setdefault("organization", owning_organization(user))
    return ExportLog.objects.create(user=user, **fields)


def make_generated_export(requested_by, **fields):
    """A queued export request, as the report form leaves it."""
    from grants.models import GeneratedExport

    fields.setdefault("report", "pmt")
    fields.setdefault("format", "xlsx")
    from organizations.access import owning_organization

    fields.setdefault("organization", owning_organization(requested_by))
    return GeneratedExport.objects.create(requested_by=requested_by, **fields)


# --- Confidential contacts (services) ----------------------------------------------------------


def make_field_worker(username="advocate1", role="Advocate", **fields):
    return make_user(
        username, role, first_name=fields.pop("first_name", username.title()), **fields
    )


def make_client(by, **fields):
    from services import operations

    return operations.create_client(actor=by, **fields)


def make_contact(by, services=("A1",), date=None, **fields):
    from services import operations
    from voca.clock import local_today

    return operations.log_contact(
        actor=by,
        date=date or local_today(),
        services=dict.fromkeys(services, 1) if not isinstance(services, dict) else services,
        **fields,
    )


def make_assignment(by, user, service_day):
    """``user`` staffed on ``service_day`` by the supervisor ``by``."""
    from services import operations

    return operations.assign_staff(actor=by, user=user, service_day=service_day)


# --- Organizations: the unit and its subrecipient agencies --------------------------------------


def make_agency(short_name="Safe Harbor", uei="K7LMN2PQR3ST", **fields):
    """A subrecipient agency (a local agency the unit funds by subaward)."""
    from organizations.models import Organization, OrganizationKind

    fields.setdefault("legal_name", f"{short_name}, Inc.")
    return Organization.objects.create(
        kind=OrganizationKind.SUBRECIPIENT, short_name=short_name, uei=uei, **fields
    )


def make_member(username, organization, *roles, **fields):
    """A person who works for ``organization`` (a subrecipient), with ``roles``."""
    from organizations.models import Membership

    user = make_user(username, *roles, **fields)
    Membership.objects.create(user=user, organization=organization)
    return user
