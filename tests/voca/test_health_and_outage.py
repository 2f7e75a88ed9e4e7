"""/healthz for the load balancer, the shared cache going down, and the database going down."""

import json
import logging
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings

from tests.factories import make_client, make_field_worker
from tests.helpers import login
from voca.cache import SharedRedisCache
from voca.request_log import JSONFormatter

# Nothing listens here: a Redis that is down.
DEAD_REDIS = {
    "default": {
        "BACKEND": "voca.cache.SharedRedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_healthz_answers_ok_without_cookies_even_to_a_signed_in_browser(client, roles):
    login(client, make_field_worker())
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


@override_settings(SECURE_SSL_REDIRECT=True, VOCA_REQUIRE_2FA=True)
def test_healthz_is_not_redirected_to_https_nor_to_two_factor_sign_in(client, roles):
    assert client.get("/").status_code == 301  # the rest of the site is
    login(client, make_field_worker())
    with override_settings(VOCA_REQUIRE_2FA=True):
        assert Client().get("/healthz").status_code == 200


def test_a_down_cache_is_a_miss_and_the_public_site_still_answers(db, caplog):
    cache = SharedRedisCache("redis://127.0.0.1:9/0", {"OPTIONS": {"socket_timeout": 0.2}})
    assert cache.get("k", "default") == "default"
    cache.set("k", "v")  # dropped, no error
    assert "cache unavailable (ConnectionError)" in caplog.text
    with pytest.raises(Exception, match="Connection"):
        cache.ping()


@override_settings(CACHES=DEAD_REDIS)
def test_healthz_says_degraded_but_keeps_the_server_in_the_pool_when_the_cache_is_down(
    client, db, caplog
):
    # Redis is shared by every server: a 503 would take them all out of the pool at once.
    caches["default"] = caches.create_connection("default")
    try:
        assert client.get("/").status_code == 200
        response = client.get("/healthz")
        assert (response.status_code, response.content) == (200, b"degraded\n")
        assert "health check: degraded, cache (ConnectionError)" in caplog.text
    finally:
        caches["default"] = caches.create_connection("default")


def test_healthz_is_503_when_the_private_folder_cannot_be_written(client, db, tmp_path):
    from django.core.files.storage import FileSystemStorage

    locked = tmp_path / "private"
    locked.mkdir(mode=0o500)
    with mock.patch("voca.health.storages", {"private": FileSystemStorage(location=locked)}):
        with mock.patch("os.access", return_value=False):
            assert client.get("/healthz").status_code == 503
        assert client.get("/healthz").status_code == 200


@override_settings(CACHES=DEAD_REDIS)
def test_healthz_is_503_when_this_servers_own_file_store_fails_even_with_the_cache_down(
    client, db, tmp_path, caplog
):
    from django.core.files.storage import FileSystemStorage

    caches["default"] = caches.create_connection("default")
    storage = FileSystemStorage(location=tmp_path / "private")
    try:
        with (
            mock.patch("voca.health.storages", {"private": storage}),
            mock.patch("os.access", return_value=False),
        ):
            response = client.get("/healthz")
        assert (response.status_code, response.content) == (503, b"unavailable\n")
        assert "health check failed: files (OSError), cache (ConnectionError)" in caplog.text
    finally:
        caches["default"] = caches.create_connection("default")


def _database_down(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.django_db
def test_while_the_database_is_down_pages_answer_503_with_retry_after():
    browser = Client(raise_request_exception=False)
    # A new connection is refused, as when PostgreSQL restarts.
    with (
        mock.patch.object(BaseDatabaseWrapper, "ensure_connection", _database_down),
        mock.patch.object(BaseDatabaseWrapper, "cursor", _database_down),
    ):
        for url in ("/", "/sitemap.xml", "/admin/login/", "/healthz"):
            if url == "/admin/login/":  # a sign-in attempt: the lockout count is in the database
                response = browser.post(url, {"auth-username": "x", "auth-password": "y"})
            else:
                response = browser.get(url)
            assert response.status_code == 503, url
            if url != "/healthz":
                assert response["Retry-After"] == "30"
                assert b"briefly unavailable" in response.content
                assert b"Please try again in 30 seconds." in response.content
    assert browser.get("/").status_code == 200


@pytest.mark.django_db
def test_request_lines_are_json_and_carry_no_query_string_code_name_or_note(client, roles, caplog):
    staff = make_field_worker("canary-advocate")
    code = make_client(staff).code
    canary = "Zephyrina-555-0199"
    login(client, staff)
    caplog.set_level(logging.INFO, logger="voca.request")
    client.get(f"/admin/services/clients/?q={code}&note={canary}")
    client.get(f"/?name={canary}")
    client.get("/healthz")
    lines = [JSONFormatter().format(r) for r in caplog.records if r.name == "voca.request"]
    assert lines, "no request was logged"
    entries = [json.loads(line) for line in lines]
    assert {e["path"] for e in entries} == {"/admin/services/clients/", "/"}
    staff_line = next(e for e in entries if e["path"].startswith("/admin/"))
    assert staff_line["user_id"] == staff.pk and staff_line["level"] == "INFO"
    assert {"time", "request_id", "status", "duration_ms"} <= set(staff_line)
    public_line = next(e for e in entries if e["path"] == "/")
    assert "user_id" not in public_line
    for line in lines:
        assert code not in line and canary not in line and "?" not in line


def test_an_error_is_logged_by_kind_and_place_never_by_message(caplog):
    try:
        raise ValueError("duplicate key (code)=(K7QMX3TA)")
    except ValueError:
        logging.getLogger("voca.test").exception("failed")
    entry = json.loads(JSONFormatter().format(caplog.records[-1]))
    assert entry["exception"] == "ValueError" and entry["trace"]
    assert "K7QMX3TA" not in json.dumps(entry)
