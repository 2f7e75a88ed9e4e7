from django.conf import settings
from django.urls import include, path, re_path
from two_factor.urls import urlpatterns as two_factor_urls
from two_factor.views import LoginView as TwoFactorLoginView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from cms import views as cms_views
from events import views as events_views

# django.contrib.admin is deliberately not installed: the Wagtail admin is the one back office.
urlpatterns = [
    # Wagtail's own sign-in URL, answered by the two-factor sign-in (password, then code).
    path("admin/login/", TwoFactorLoginView.as_view(), name="staff_login"),
    # Two-factor set-up and recovery codes, under /admin/ so the admin's policies apply.
    path("admin/", include(two_factor_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("sitemap.xml", cms_views.sitemap, name="sitemap"),
    path("robots.txt", cms_views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico on their own; a neutral icon, not a 404 page each time.
    path("favicon.ico", cms_views.favicon),
    # Files under a service-day page's URL (Wagtail's page URLs cannot contain a dot).
    re_path(r"^(?P<path>(?:[\w\-]+/)*)calendar\.ics$", events_views.calendar, name="events_ics"),
    re_path(r"^(?P<path>(?:[\w\-]+/)*)nearby\.json$", events_views.nearby, name="events_nearby"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
