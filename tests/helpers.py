"""Signing in, setting the clock, and reading what a signed-in user sees in the Wagtail admin."""

import contextlib
import datetime as dt
import json
import re

from django.conf import settings
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RegexPattern
from django.utils import timezone


def login(client, user):
    """The one way a test signs ``user`` in (not through the sign-in form: see ``sign_in``).
    With VOCA_REQUIRE_2FA on, the session is verified with the user's authenticator."""
    client.force_login(user)
    if settings.VOCA_REQUIRE_2FA:
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def moment(year, month, day, hour=12) -> dt.datetime:
    """A wall-clock moment in the project's time zone."""
    return timezone.make_aware(dt.datetime(year, month, day, hour))


@contextlib.contextmanager
def at(when: dt.datetime):
    """Set the project's one clock (voca.clock) for every app: everything inside happens at
    ``when`` — service-day listings, contact dates, draws and report periods alike."""
    from voca.clock import clock_at

    with clock_at(when):
        yield


def admin_menu_names(response) -> set[str]:
    """Names of every item in the admin sidebar's main menu, submenus included."""
    html = response.content.decode()
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, "the admin sidebar is not on this page"
    props = json.loads(match.group(1))
    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type", "").endswith(("MenuItem", "SubMenuItem")):
                args = node["_args"]
                name = args[0].get("name")
                names.add(name["_val"] if isinstance(name, dict) else name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    main = next(m for m in props["modules"] if m["_type"].endswith("MainMenuModule"))
    walk(main)
    return names


def sign_in(client, username: str, password: str, *, token: str | None = None, backup=False):
    """Sign in through the admin's two-step sign-in form, as a person would; returns the last
    response. ``token`` answers the second step (authenticator code, or recovery code with
    ``backup=True``)."""
    response = client.post(
        "/admin/login/",
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )
    if token is None:
        return response
    step = "backup" if backup else "token"
    if backup:
        client.post(
            "/admin/login/", {"login_view-current_step": "token", "wizard_goto_step": "backup"}
        )
    return client.post(
        "/admin/login/", {"login_view-current_step": step, f"{step}-otp_token": token}
    )


# Every URL the project answers, as a concrete path a test can request.
# A value for each path converter; ids that exist in no table make views answer 404, not 500.
CONVERTER_EXAMPLES = {"int": "987654", "str": "x", "slug": "x", "path": "x/y", "uuid": "0" * 32}


def _example(pattern, number: str) -> str:
    text = str(pattern)
    if isinstance(pattern, RegexPattern):
        text = text.removeprefix("^").removesuffix("$")
        text = re.sub(r"\(\?P<\w+>[^()]*(\([^()]*\)[^()]*)*\)", number, text)
        text = re.sub(r"\(\(\?:[^)]*\)\*\)", "", text)  # optional repeated path segments
        text = text.replace(r"\.", ".").replace(".*", "x")
        return text
    examples = {**CONVERTER_EXAMPLES, "int": number}
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: examples.get(m.group(1) or "str", "x"), text)


def every_url(number: int = 987654) -> list[tuple[str, str]]:
    """(path, name) for every pattern of the project's URL configuration, resolvers walked;
    ``number`` stands for every id in a path (by default one that no table holds)."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern.url_patterns, prefix + _example(pattern.pattern, str(number)), inner)
            else:
                name = pattern.name or pattern.lookup_str
                if namespace and pattern.name:
                    name = f"{namespace}:{pattern.name}"
                found.append(("/" + prefix + _example(pattern.pattern, str(number)), name))

    walk(get_resolver().url_patterns, "", None)
    return found


def close_live_server_connections():
    """The live server's request threads keep their PostgreSQL sessions open (CONN_MAX_AGE);
    end them so the test database can be dropped at the end of the run."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


# --- The public site in each language ---------------------------------------------------------


def synchronise_languages():
    """What wagtail-localize does when an editor creates a page in the admin: every page not yet
    translated appears in each other language as an alias (tests create pages in code)."""
    from wagtail_localize.models import LocaleSynchronization

    for sync in LocaleSynchronization.objects.all():
        sync.sync_trees()


def in_language(path: str, code: str) -> str:
    """``path`` (of the default language) as the URL of its version in language ``code``."""
    from django.conf import settings

    if code == settings.LANGUAGE_CODE:
        return path
    return f"/{code}{path}"


def language_codes() -> list[str]:
    from django.conf import settings

    return [code for code, _ in settings.VOCA_LANGUAGES]


def migration_loader():
    """The migrations one by one, as an installation made before a squash runs them: each
    squashed migration is set aside for the ones it replaces (a new database, the test
    database included, runs the squashed one), so a test can migrate to any of them."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, replace_migrations=False)
    for key, squashed in loader.replacements.items():
        if all(replaced in loader.graph.nodes for replaced in squashed.replaces):
            loader.graph.remove_replacement_node(key, squashed.replaces)
    return loader


def migrate_to(targets=None):
    """Migrate the test database to ``targets`` ((app, migration) pairs; the latest when None)
    and return the apps as they were there, for a data migration's before and after."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader = migration_loader()
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
