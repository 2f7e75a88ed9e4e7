from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from two_factor.urls import urlpatterns as two_factor_urls
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from cms import views as cms_views
from events import views as events_views
from voca import accounts, health

# django-two-factor-auth's pages: its sign-in the bounded one (voca.signin), set-up and its QR code
# guarded on every method and step (voca.accounts.can_add_authenticator), the account page listing
# security events, recovery codes shown once, and disabling ending the session.
GUARDED_TWO_FACTOR_VIEWS = {
    "login": accounts.LoginView,
    "setup": accounts.SetupView,
    "qr": accounts.QRGeneratorView,
    "setup_complete": accounts.SetupCompleteView,
    "backup_tokens": accounts.RecoveryCodesView,
    "profile": accounts.AccountSecurityView,
    "disable": accounts.DisableView,
}
two_factor_patterns = [
    path(str(p.pattern), GUARDED_TWO_FACTOR_VIEWS[p.name].as_view(), name=p.name)
    if p.name in GUARDED_TWO_FACTOR_VIEWS
    else p
    for p in two_factor_urls[0]
]

# A lost database connection answers 503 with Retry-After (voca/outage.py); anything else 500.
handler500 = "voca.outage.server_error"
# The public 404 page is gzipped like the rest of the public site (cms.views.page_not_found).
handler404 = "cms.views.page_not_found"

# django.contrib.admin is deliberately not installed: the Wagtail admin is the one back office.
urlpatterns = [
    # The load balancer's health check (voca/health.py): no sign-in, no cookies, no details.
    path("healthz", health.healthz, name="healthz"),
    # Wagtail's own sign-in URL, answered by the two-factor sign-in (password, then code).
    path("admin/login/", accounts.LoginView.as_view(), name="staff_login"),
    # The one other way in, Wagtail's front-end password form, leads there too (signing nobody in).
    path("_util/login/", accounts.FrontEndLoginView.as_view(), name="wagtailcore_login"),
    # A password an administrator set is replaced here before any other staff page opens.
    path(
        "admin/account/new-password/", accounts.NewPasswordView.as_view(), name="staff_new_password"
    ),
    # The e-mailed reset link's new password also ends a temporary one (voca.passwords).
    path(
        "admin/password_reset/confirm/<uidb64>/<token>/",
        accounts.ResetConfirmView.as_view(),
        name="wagtailadmin_password_reset_confirm",
    ),
    # Sign-out only by POST; a GET changes nothing.
    path("admin/logout/", accounts.LogoutView.as_view(), name="wagtailadmin_logout"),
    # Wagtail's deliberate error page is not part of this product.
    path("admin/failwhale/", accounts.not_found),
    # Two-factor set-up and recovery codes, under /admin/ so the admin's policies apply.
    path("admin/", include((two_factor_patterns, "two_factor"))),
    path("admin/", include(wagtailadmin_urls)),
    path("sitemap.xml", cms_views.sitemap, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on their own; a neutral icon, not a 404 page each time.
    path("favicon.ico", cms_views.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The public site in each language: the default unprefixed (its old URLs unchanged), the others
# under /es/, /bs/ ... (settings.VOCA_LANGUAGES); voca.i18n activates the language from the prefix.
urlpatterns += i18n_patterns(
    # Files under a service-day page's URL (Wagtail's page URLs cannot contain a dot).
    re_path(r"^(?P<path>(?:[\w\-]+/)*)calendar\.ics$", events_views.calendar, name="events_ics"),
    re_path(r"^(?P<path>(?:[\w\-]+/)*)nearby\.json$", events_views.nearby, name="events_nearby"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
