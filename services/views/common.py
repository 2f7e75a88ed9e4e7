"""What every back-office screen shares: hidden victim input, the access log, refusals."""

import ipaddress

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

from services import operations, permissions
from services.models import AccessLog, Contact
from voca.forms import apply_operation_errors

# Error reports (500 e-mails, debug pages) never show what was typed about a victim.
hide_victim_input = method_decorator(
    sensitive_post_parameters(
        "notes",
        "referrals",
        "client_code",
        "first_name",
        "phone",
        "consent_scope",
        "id-first_name",
        "id-phone",
        "id-consent_scope",
        "reason",
    ),
    name="dispatch",
)


def client_ip(request) -> str | None:
    """The reader's address for the access log.

    REMOTE_ADDR by default: a forwarded-for header is set by the client and proves nothing. Behind
    a proxy that overwrites one header (e.g. nginx's X-Real-IP), name it in the setting
    ``ACCESS_LOG_IP_HEADER`` (e.g. "HTTP_X_REAL_IP").
    """
    header = getattr(settings, "ACCESS_LOG_IP_HEADER", None)
    value = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def log_read(request, record, action, detail=""):
    operations.record_access(
        user=request.user,
        record=record,
        action=action,
        ip_address=client_ip(request),
        detail=detail,
    )


def deny_unless(condition):
    if not condition:
        raise PermissionDenied


def show_refusals(form, refusals: dict, field_map=None):
    """An operation's refusals on ``form``, except on a field that already says why its input
    did not parse: every problem shows at once, each field's own first."""
    field_map = field_map or {}
    rest = {k: v for k, v in refusals.items() if field_map.get(k, k) not in form.errors}
    if rest:
        apply_operation_errors(form, ValidationError(rest), field_map)


def error_fields(*forms):
    """(field id, label, errors) of every error on ``forms``, for the error summary."""
    return [
        (
            f"{form.prefix}-{name}" if form.prefix else name,
            form.fields[name].label if name in form.fields else "",
            errors,
        )
        for form in forms
        for name, errors in form.errors.items()
    ]


class RecordMixin:
    """Load the row through the policy: an unknown or forbidden row is a 404, never data."""

    record_model = Contact
    visible = staticmethod(permissions.visible_contacts)
    access_action = AccessLog.Action.INSPECT

    listing_url_name = "services_contact:index"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {
                "url": reverse(self.listing_url_name),
                "label": self.record_model._meta.verbose_name_plural.capitalize(),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def load_record(self, request, pk):
        deny_unless(permissions.can_see_client_level_data(request.user))
        try:
            return type(self).visible(request.user).get(pk=int(pk))
        except (ValueError, self.record_model.DoesNotExist) as missing:
            raise Http404 from missing
