"""Settings shared by every environment. Environment-specific files import from here."""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    # Project apps; dependencies point one way: monitoring -> performance -> subawards -> grants ->
    # services -> events -> organizations; cms stands alone.
    "voca",
    "cms",
    "organizations",
    "events",
    "services",
    "grants",
    "subawards",
    "performance",
    "monitoring",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    # Editors translate pages, snippets and settings (replaces wagtail.locales, as its docs say).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "voca.apps.StaffUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "simple_history",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after SecurityMiddleware, so responses served from any cache carry them too.
    "voca.security.SiteCSPMiddleware",
    "voca.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The public site's language from its URL prefix alone (no cookie, no Vary); before anything
    # that resolves a URL, since the prefixed patterns match only with their language active.
    "voca.i18n.PublicLocaleMiddleware",
    # Gzip for anonymous public pages alone (BREACH); outside the page cache (it keeps them plain).
    "voca.compression.PublicGZipMiddleware",
    # Whole public pages for anonymous visitors, never stale (voca/page_cache.py); outside sessions.
    "voca.page_cache.PublicPageCacheMiddleware",
    # Wagtail's route to a public page, remembered per content version (seven queries to one).
    "voca.routing.CachedRouteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "voca.security.StaffIdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "voca.security.RequireTwoFactorMiddleware",
    # Then a password an administrator set is replaced by its holder's own (voca/passwords.py).
    "voca.security.RequirePasswordChangeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # A chooser URL with an id its model cannot have is a 404 (voca/parsing.py says why here).
    "voca.parsing.ChooserIdMiddleware",
    # Every history row records the acting user.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: counts failed sign-ins and locks out.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "voca.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.context_processors.content_version",
            ],
        },
    },
]

# Django's form templates, with the ones a long form renders hundreds of times written out in
# Python, byte for byte the same (voca/form_rendering.py).
FORM_RENDERER = "voca.form_rendering.FormRenderer"

WSGI_APPLICATION = "voca.wsgi.application"


def database_from_env(default_sqlite_path: Path) -> dict:
    """DATABASE_URL when set; otherwise an SQLite file whose writers wait for each other."""
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": default_sqlite_path}
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction starts, so concurrent writers queue
        # (up to the busy timeout) instead of failing mid-transaction with "database is locked".
        config.setdefault("OPTIONS", {}).update(
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            }
        )
    return config


DATABASES = {"default": database_from_env(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "voca" / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_URL = "/static/"

# Public uploads (Wagtail images for the public site) live under MEDIA_ROOT.
MEDIA_ROOT = BASE_DIR / "var" / "media"
MEDIA_URL = "/media/"
# Supporting documents for money and client records: never under MEDIA_ROOT, never at a public URL.
PRIVATE_STORAGE_ROOT = BASE_DIR / "var" / "private"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_STORAGE_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# Wagtail
WAGTAIL_SITE_NAME = "Victim Service Days"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# No avatars fetched from a third party: that would send staff e-mail hashes off-site.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Background tasks (django-tasks, used by Wagtail too); exports switch to the database backend.
# Exports run in `manage.py voca_worker` (django-tasks-db's db_worker); tests run them at once.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "reports"],  # reports: grants.exports.tasks.REPORTS_QUEUE
    }
}
# Generated report files are kept this many days in private storage, then removed.
VOCA_EXPORT_RETENTION_DAYS = 7
# Where voca.site reads the agency's identity, so grants need not import cms.
VOCA_SITE_SETTINGS_MODEL = "cms.SiteSettings"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Error reports and the debug page show no variable's value (decrypted fields live in them).
DEFAULT_EXCEPTION_REPORTER_FILTER = "voca.security.ConfidentialExceptionReporterFilter"

# Keys for the confidential fields (voca.crypto): Fernet keys, newest first, comma-separated.
# Production requires the environment variable; development and the demo use a key file outside
# the repository (voca/settings/dev.py); tests a fixed test key.
VOCA_FIELD_KEYS = os.environ.get("VOCA_FIELD_KEYS", "").strip()
# Optional: the key of the exact-value lookup digests; derived from each field key when unset.
VOCA_LOOKUP_KEY = os.environ.get("VOCA_LOOKUP_KEY", "").strip()

# Which kind of deployment this is; the demo-content command refuses to run in production.
VOCA_ENVIRONMENT = "development"


# --- Staff sign-in -------------------------------------------------------------------------------
# Whom staff ask for a new password when password reset by e-mail is off (see production.py).
VOCA_ACCOUNT_HELP = os.environ.get("VOCA_ACCOUNT_HELP", "").strip() or "your system administrator"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Two-factor sign-in (authenticator-app codes, single-use recovery codes) on the admin's own
# /admin/login/ for every staff account. On in production; in local demo installs only with
# VOCA_REQUIRE_2FA=1, so the demo log-ins work with a password alone.
VOCA_REQUIRE_2FA = os.environ.get("VOCA_REQUIRE_2FA", "0") == "1"
OTP_TOTP_ISSUER = "Victim Service Days"
TWO_FACTOR_REMEMBER_COOKIE_AGE = None

# Five failed sign-ins for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "voca/lockout.html"
AXES_VERBOSE = False
# Cuts a user name to axes' 255-character column, so an over-long one cannot crash its handler.
AXES_USERNAME_CALLABLE = "voca.signin.axes_username"

# Staff sessions end after 15 idle minutes and when the browser closes.
VOCA_STAFF_IDLE_SECONDS = 15 * 60
SESSION_COOKIE_AGE = VOCA_STAFF_IDLE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Response headers ----------------------------------------------------------------------------
VOCA_ADMIN_PATH_PREFIX = "/admin/"
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Public pages: nothing but this origin, no inline script or style, never framed. The one exception
# is the OpenStreetMap frame a visitor opens with "Show a map" on a service day (none before that).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-src": ["https://www.openstreetmap.org"],
        "frame-ancestors": ["'none'"],
    }
}
# The admin: as strict as Wagtail 8's admin allows: its date pickers are set up by inline scripts,
# it uses inline style attributes and blob: previews, and frames its own preview panel.
VOCA_ADMIN_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
VOCA_PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    "camera": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}
# Public site: seconds a whole public page stays in the cache (0 turns the cache off). Freshness
# does not depend on it: any content change makes a new cache key at once (voca/page_cache.py).
VOCA_PUBLIC_CACHE_SECONDS = int(os.environ.get("VOCA_PUBLIC_CACHE_SECONDS", "600"))
# The site-content version the page cache keys on: the public site's, which changes on any edit.
VOCA_CONTENT_VERSION = "cms.cache.content_version"


# --- Languages of the public site (issue 15) -----------------------------------------------------
# The one list to change to add a language: code (BCP 47, also the URL prefix) and its own name.
# The first is the default: its pages keep their unprefixed URLs; the others live under /es/, /bs/.
# After adding one: `manage.py migrate` creates its Wagtail locale (synchronised from the default,
# so untranslated pages show in English with a notice), and add its .po file under locale/.
VOCA_LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("bs", "Bosanski"),
]
LANGUAGE_CODE = VOCA_LANGUAGES[0][0]
LANGUAGES = VOCA_LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = VOCA_LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# The back office stays in English whatever languages the public site speaks.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("en", "English")]


# --- More than one app server (issue 17) ---------------------------------------------------------
# Several gunicorn servers behind a load balancer, plus the report worker, share: the cache (Redis
# when REDIS_URL is set), private files (the database when VOCA_FILE_STORE=database), and, as
# always, sessions, sign-in lockouts, two-factor devices and queued tasks in the database.
# Without either variable it is the one-machine install: local-memory cache, files on disk.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()


def caches_from_env(redis_url: str) -> dict:
    """Every cache alias in Redis (voca.cache.SharedRedisCache) when set, else local memory."""
    if not redis_url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    return {
        "default": {
            "BACKEND": "voca.cache.SharedRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": os.environ.get("VOCA_CACHE_PREFIX", "voca"),
            # Half a second at most per attempt; a down Redis is then left alone for a few seconds.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


CACHES = caches_from_env(REDIS_URL)

FILE_STORES = ("disk", "database")
VOCA_FILE_STORE = os.environ.get("VOCA_FILE_STORE", "disk").strip() or "disk"


def private_storage_from_env(store: str, root) -> dict:
    """STORAGES["private"]: the folder ``root`` ("disk"), or the database (voca/file_store.py)."""
    if store == "database":
        return {"BACKEND": "voca.file_store.DatabaseStorage"}
    if store != "disk":
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"VOCA_FILE_STORE must be one of {FILE_STORES}, not {store!r}.")
    return {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": root, "base_url": None},
    }


STORAGES["private"] = private_storage_from_env(VOCA_FILE_STORE, PRIVATE_STORAGE_ROOT)
# The load balancer's health check is answered over plain HTTP too (no redirect to HTTPS).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Outermost: one structured line per request (voca/request_log.py) with its id and duration; then
# /healthz, answered before sessions, redirects and the host check (voca/health.py).
MIDDLEWARE = [
    "voca.request_log.RequestLogMiddleware",
    "voca.health.HealthCheckMiddleware",
    *MIDDLEWARE,
]
