"""Request-level safeguards: Content-Security-Policy, Permissions-Policy, staff idle timeout,
error reports without values."""

import time

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import resolve
from django.urls.exceptions import Resolver404
from django.views.debug import SafeExceptionReporterFilter
from django_otp import user_has_device

from voca.passwords import must_change_password


def is_admin_path(path_info: str) -> bool:
    return path_info.startswith(settings.VOCA_ADMIN_PATH_PREFIX)


class SiteCSPMiddleware(CSPMiddleware):
    """The strict policy everywhere; on /admin/, the least relaxed one Wagtail's admin allows."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.VOCA_ADMIN_CSP_DIRECTIVES
        return parts


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere (geolocation for "near me", this origin only), and the
    referrer policy: none at all from public pages; same-origin in the admin, because browsers
    send "Origin: null" with a no-referrer POST and Django's CSRF check then refuses sign-in."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.VOCA_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        if is_admin_path(request.path_info):
            response.headers["Referrer-Policy"] = "same-origin"
        return response


# Requests the admin makes on its own while a page sits open; they are not a person's activity.
BACKGROUND_VIEW_NAMES = frozenset(
    {
        "wagtailadmin_editing_sessions:ping",
        "wagtailadmin_editing_sessions:release",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)


class StaffIdleTimeoutMiddleware:
    """Ends a signed-in session after VOCA_STAFF_IDLE_SECONDS without a person's request."""

    session_key = "voca_last_activity"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in; not touching the session keeps anonymous
        # responses free of "Vary: Cookie", so public pages stay cacheable.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            last = request.session.get(self.session_key, now)
            if now - last > settings.VOCA_STAFF_IDLE_SECONDS:
                logout(request)
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if not self._is_background(request):
                request.session[self.session_key] = now
        return self.get_response(request)

    @staticmethod
    def _is_background(request) -> bool:
        return resolved_view_name(request) in BACKGROUND_VIEW_NAMES


# Pages a signed-in but not yet verified staff member may open: sign-in, set-up, sign-out. The
# set-up views apply their own rule (voca.accounts.can_add_authenticator) on every method and step.
TWO_FACTOR_OPEN_VIEWS = frozenset(
    {
        "staff_login",
        "wagtailadmin_login",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "two_factor:login",
        "two_factor:setup",
        "two_factor:qr",
        "two_factor:setup_complete",
        "two_factor:backup_tokens",
    }
)

# The only views that are public: everything else is staff-only and needs the second factor.
PUBLIC_VIEWS = frozenset(
    {
        "wagtail_serve",
        "wagtailcore_authenticate_with_password",
        "wagtailcore_login",
        "sitemap",
        "robots_txt",
        "favicon",
        "events_ics",
        "events_nearby",
        "healthz",
    }
)


def resolved_view_name(request) -> str | None:
    """The view a request reaches, from ``path_info`` (what the URL resolver itself reads), so a
    ``SCRIPT_NAME`` that moves ``request.path`` cannot move a request out of a check."""
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def is_public_view(view_name: str | None) -> bool:
    # An unknown URL answers 404 from the public site's own page.
    return view_name is None or view_name in PUBLIC_VIEWS


class RequireTwoFactorMiddleware:
    """With VOCA_REQUIRE_2FA, a session not verified by a second factor opens no staff view.

    The decision comes from the resolved view, never from a path prefix. On the public views such a
    session counts as a visitor (so it opens no login-restricted page); anywhere else it goes to
    set up an authenticator (an account without one) or to sign in again (an account with one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if not (
            settings.VOCA_REQUIRE_2FA
            and user is not None
            and user.is_authenticated
            and not user.is_verified()
        ):
            return self.get_response(request)
        view_name = resolved_view_name(request)
        if view_name in TWO_FACTOR_OPEN_VIEWS:
            return self.get_response(request)
        if is_public_view(view_name):
            request.user = visitor()
            return self.get_response(request)
        if user_has_device(user, confirmed=True):
            # A password-only session for an account that has a second factor: sign in again.
            logout(request)
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        messages.warning(
            request,
            "Set up two-factor sign-in with an authenticator app before using the admin.",
        )
        return redirect("two_factor:setup")


# Pages open to someone who must first replace a temporary password: that page, the recovery
# codes shown once right after two-factor set-up, and leaving.
PASSWORD_CHANGE_OPEN_VIEWS = frozenset(
    {
        "staff_new_password",
        "two_factor:setup_complete",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
    }
)


class RequirePasswordChangeMiddleware:
    """A staff member whose password an administrator set opens no staff view until they have
    chosen their own (voca.passwords). With two-factor sign-in on, this comes after the second
    factor is set up and given: the change page is a staff page like any other."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie nobody is signed in; not reading the session keeps anonymous
        # responses free of "Vary: Cookie", so public pages stay cacheable.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        # Public pages never load the signed-in user: the request log and the page stay a
        # visitor's (no user id on a public line), and they cost no session read.
        view_name = resolved_view_name(request)
        if view_name in PASSWORD_CHANGE_OPEN_VIEWS or is_public_view(view_name):
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if settings.VOCA_REQUIRE_2FA and not user.is_verified():
            return self.get_response(request)  # RequireTwoFactorMiddleware has decided already
        if must_change_password(user):
            return redirect("staff_new_password")
        return self.get_response(request)


def visitor() -> AnonymousUser:
    anonymous = AnonymousUser()
    anonymous.is_verified = lambda: False
    return anonymous


class ConfidentialExceptionReporterFilter(SafeExceptionReporterFilter):
    """Error e-mails, error reports and the debug page show code, never values.

    Decrypted names, phones and notes live in local variables while a request runs, so every
    frame's variables are hidden, and the screens' sensitive form fields are hidden on the debug
    page too (Django shows them there by default).
    """

    def is_active(self, request):
        return True

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, self.cleansed_substitute) for name in tb_frame.f_locals]
