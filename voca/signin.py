"""Bounds on what the two-step sign-in accepts, checked before axes or the database see it."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from two_factor.forms import BackupTokenForm
from two_factor.views import LoginView

# Long enough for any pass phrase; hashing a megabyte on every attempt is a denial of service.
PASSWORD_MAX_LENGTH = 4096
# django-axes keeps user names in 255-character columns (attempts, failure and access logs).
AXES_USERNAME_MAX_LENGTH = 255


class BoundedAuthenticationForm(AuthenticationForm):
    """Django's sign-in form with its length limits enforced, not only shown.

    AuthenticationForm sets ``max_length`` on the user name after the field is built, so the
    limit reaches the HTML attribute but no validator: a 1 MB name went on to ``authenticate()``
    and into axes' tables (a 500 on PostgreSQL). With a field error, ``clean()`` never calls
    ``authenticate()``, so an over-long value neither counts as a failed attempt nor is stored.
    """

    password = forms.CharField(
        label=AuthenticationForm.base_fields["password"].label,
        strip=False,
        max_length=PASSWORD_MAX_LENGTH,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        limit = self.fields["username"].max_length
        self.fields["username"].validators.append(MaxLengthValidator(limit))


class BoundedBackupTokenForm(BackupTokenForm):
    """Recovery codes are 16 characters at most (django-otp's StaticToken.token)."""

    otp_token = forms.CharField(label=BackupTokenForm.base_fields["otp_token"].label, max_length=16)


# The sign-in view's steps with these forms: TwoFactorLoginView.as_view(form_list=SIGN_IN_FORMS).
# The token step keeps two-factor's own form (already 6 digits), chosen per device at run time.
SIGN_IN_FORMS = tuple(
    (step, {"auth": BoundedAuthenticationForm, "backup": BoundedBackupTokenForm}.get(step, form))
    for step, form in LoginView.form_list
)


def axes_username(request, credentials=None) -> str | None:
    """The user name axes records (AXES_USERNAME_CALLABLE): its default lookup, cut to axes' column.

    The sign-in form already refuses longer names; this keeps any other caller of
    ``authenticate()`` from crashing axes' failure handler with one.
    """
    field = get_user_model().USERNAME_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", getattr(request, "POST", {})).get(field)
    if isinstance(username, str):
        return username[:AXES_USERNAME_MAX_LENGTH]
    return username
