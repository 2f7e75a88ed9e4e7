"""Staff sign-in around django-two-factor-auth: who may add an authenticator, and what is recorded.

The one rule (``can_add_authenticator``) guards every method and every step of the set-up wizard and
its QR code, so a session that knows only a password can never enrol a second factor on an account
that already has one."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.views import PasswordChangeView, redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import RedirectView, TemplateView
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from two_factor import views as two_factor_views
from two_factor.signals import user_verified
from wagtail.admin.views.account import LogoutView as WagtailLogoutView
from wagtail.admin.views.account import PasswordResetConfirmView as WagtailResetConfirmView

from . import passwords
from .models import SecurityEvent
from .signin import SIGN_IN_FORMS


def can_add_authenticator(user, session) -> bool:
    """A verified session may add an authenticator; so may the very first set-up of an account
    that has none, in a session that was never verified (a fresh sign-in with the password)."""
    if not user.is_authenticated:
        return False
    if user.is_verified():
        return True
    return not user_has_device(user, confirmed=True) and DEVICE_ID_SESSION_KEY not in session


def sign_in_again(request):
    """Ends a session that may not go on and sends the person to the two-step sign-in."""
    path = request.get_full_path()
    logout(request)
    return redirect_to_login(path, reverse("staff_login"))


class LoginView(two_factor_views.LoginView):
    """The one sign-in: password, then an authenticator code or a recovery code, each bounded."""

    form_list = SIGN_IN_FORMS


class GuardedSetupMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_add_authenticator(
            request.user, request.session
        ):
            return sign_in_again(request)
        return super().dispatch(request, *args, **kwargs)


class SetupView(GuardedSetupMixin, two_factor_views.SetupView):
    """The set-up wizard, refused (every method, every step) when the rule above says no."""

    def get_form(self, step=None, **kwargs):
        form = super().get_form(step, **kwargs)
        if "token" in form.fields:
            form.fields["token"].label = "Six-digit code from the app"
        return form


class QRGeneratorView(GuardedSetupMixin, two_factor_views.QRGeneratorView):
    """The QR code of the secret being set up: the same rule as the wizard it belongs to."""


# --- Recovery codes: shown once, when made -------------------------------------------------------
RECOVERY_CODE_COUNT = 10


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


@transaction.atomic
def issue_recovery_codes(user) -> list[str]:
    """New single-use recovery codes for ``user``, replacing any old ones; the only time they are
    read back is this return value (the pages show them once)."""
    device = StaticDevice.objects.filter(user=user).first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name="backup")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        device.token_set.create(token=code)
    return codes


def recovery_codes_context(codes: list[str]) -> dict:
    return {
        "recovery_codes": codes,
        "recovery_codes_text": "Recovery codes for signing in (each works once):\n"
        + "\n".join(codes)
        + "\n",
    }


class SetupCompleteView(two_factor_views.SetupCompleteView):
    """Two-factor sign-in is on: the first recovery codes, made and shown on the first visit only,
    then on to the dashboard (two-factor's own page led back to the account page)."""

    def get(self, request, *args, **kwargs):
        return TemplateView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if recovery_codes_left(user) == 0:
            context.update(recovery_codes_context(issue_recovery_codes(user)))
        context["recovery_codes_left"] = recovery_codes_left(user)
        return context


class RecoveryCodesView(two_factor_views.BackupTokensView):
    """New recovery codes, shown once on the answer to the request that made them; otherwise
    only how many are left (two-factor's own page listed the old codes on every visit)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recovery_codes_left"] = recovery_codes_left(self.request.user)
        return context

    def form_valid(self, form):
        codes = issue_recovery_codes(self.request.user)
        return self.render_to_response(self.get_context_data(**recovery_codes_context(codes)))


class AccountSecurityView(two_factor_views.ProfileView):
    """The account's two-factor page, with every change to how it signs in."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recovery_codes_left"] = recovery_codes_left(self.request.user)
        context["security_events"] = SecurityEvent.objects.filter(user=self.request.user)[:20]
        return context


class DisableView(two_factor_views.DisableView):
    """Removing the second factor ends the session: the account signs in and sets one up again."""

    def form_valid(self, form):
        super().form_valid(form)
        logout(self.request)
        messages.info(
            self.request, "Two-factor sign-in was turned off. Sign in again to set it up anew."
        )
        return redirect("staff_login")


class LogoutView(WagtailLogoutView):
    """Wagtail's sign-out, but a GET changes nothing: Wagtail's own view deletes the session
    cookie even on the 405 it answers, so any link could sign staff out of their browser."""

    def dispatch(self, request, *args, **kwargs):
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


class NewPasswordView(PasswordChangeView):
    """Where someone whose password an administrator set chooses their own (voca.passwords)."""

    template_name = "voca/new_password.html"
    success_url = reverse_lazy("wagtailadmin_home")

    def form_valid(self, form):
        try:
            passwords.change_own_password(self.request.user, form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error("new_password1", error)
            return self.form_invalid(form)
        update_session_auth_hash(self.request, self.request.user)
        messages.success(self.request, "Your new password is set.")
        return redirect(self.get_success_url())


class ResetConfirmView(WagtailResetConfirmView):
    """Wagtail's "choose a new password" page of the e-mailed reset link: the password chosen there
    is the person's own, so it also ends a temporary one (voca.passwords)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        passwords.end_temporary_password(form.user)
        return response


class FrontEndLoginView(RedirectView):
    """Wagtail's front-end password sign-in (``/_util/login/``) would sign staff in without the
    second factor: every method goes to the two-step sign-in instead, signing nobody in."""

    pattern_name = "staff_login"
    query_string = True


def not_found(request, *args, **kwargs):
    """For URLs that exist in Wagtail but not in this product (e.g. its deliberate error page)."""
    raise Http404


# --- What is recorded ----------------------------------------------------------------------------
def _record(user, kind):
    SecurityEvent.objects.create(user=user, kind=kind)


def record_authenticator_saved(sender, instance, created, **kwargs):
    # A TOTP device is saved once confirmed by the set-up wizard (or by an administrator).
    if instance.confirmed and (created or "confirmed" in (kwargs.get("update_fields") or ())):
        _record(instance.user, SecurityEvent.AUTHENTICATOR_ADDED)


def record_device_removed(sender, instance, **kwargs):
    _record(instance.user, SecurityEvent.AUTHENTICATOR_REMOVED)


def record_recovery_codes_issued(sender, instance, created, **kwargs):
    # The recovery-codes page deletes the old codes and adds ten new ones: one event per batch.
    if created and not instance.device.token_set.exclude(pk=instance.pk).exists():
        _record(instance.device.user, SecurityEvent.RECOVERY_CODES_ISSUED)


def record_verification(sender, request, user, device, **kwargs):
    if isinstance(device, StaticDevice):
        _record(user, SecurityEvent.RECOVERY_CODE_USED)
        left = device.token_set.count()
        messages.warning(
            request,
            f"You signed in with a recovery code; {left} left. If that was not you, "
            "tell your administrator at once.",
        )


def connect_signals():
    post_save.connect(record_authenticator_saved, TOTPDevice, dispatch_uid="voca-totp-added")
    post_delete.connect(record_device_removed, TOTPDevice, dispatch_uid="voca-totp-removed")
    post_delete.connect(record_device_removed, StaticDevice, dispatch_uid="voca-static-removed")
    post_save.connect(record_recovery_codes_issued, StaticToken, dispatch_uid="voca-codes-issued")
    user_verified.connect(record_verification, dispatch_uid="voca-verified")
