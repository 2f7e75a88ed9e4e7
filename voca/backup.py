"""Backups of PostgreSQL and uploaded files that prove themselves.

Files in a folder (public media; private files with the embedded default) are archived beside the
dump; private files kept in the database (VOCA_FILE_STORE=database) are in the dump itself, in
the same snapshot as the records, and the manifest holds each one's SHA-256 read from the rows.

Every backup carries a manifest (row counts, each app's own part such as every award's balances,
file checksums) taken in the same database snapshot as the dump, and a restore is checked against
it.
"""

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import psycopg
from django.apps import apps
from django.conf import settings
from django.db import connection, transaction

from voca import crypto

MANIFEST = "manifest.json"
DUMP = "database.dump"
FILES = "files.tar.gz"


KEYS_NOT_HELD = (
    "Encrypted values this server cannot open: it does not hold the keys the backup was made "
    "under. Set VOCA_FIELD_KEYS to those keys (newest first) and check again; until then the "
    "restored records show 'This record was encrypted with a key this server does not hold.'"
)


class BackupError(Exception):
    pass


def file_roots() -> dict[str, Path]:
    """Uploaded files kept in folders: public media, and private supporting documents and
    exports unless the private store is the database."""
    from django.core.files.storage import FileSystemStorage, storages

    roots = {"media": Path(settings.MEDIA_ROOT)}
    if isinstance(storages["private"], FileSystemStorage):
        roots["private"] = Path(settings.PRIVATE_STORAGE_ROOT)
    return roots


def stored_files_manifest() -> dict[str, str]:
    """Each private file kept in the database, with the SHA-256 of its bytes as stored."""
    from .models import StoredFile

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT name, encode(sha256(content), 'hex') FROM {StoredFile._meta.db_table}"  # noqa: S608
            )
            return dict(sorted(cursor.fetchall()))
    return {
        name: hashlib.sha256(bytes(content)).hexdigest()
        for name, content in StoredFile.objects.order_by("name").values_list("name", "content")
    }


def database_manifest() -> dict:
    """Row counts of every table plus each app's own part, as the current connection sees them.

    An app adds a part by giving its AppConfig ``manifest_part() -> dict`` (grants: every award's
    balances); voca names no app, and each part's sections are compared on restore.
    """
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            counts[model._meta.db_table] = model._base_manager.count()
    manifest = {
        "tables": dict(sorted(counts.items())),
        "encrypted": encrypted_manifest(),
        "stored_files": stored_files_manifest(),
    }
    for config in apps.get_app_configs():
        part = getattr(config, "manifest_part", None)
        if part is not None:
            manifest.update(part())
    return manifest


def encrypted_manifest() -> dict[str, str]:
    """Each encrypted column: how many values it holds and how many this server's keys open.

    Counts only, never a value. Restored under the same keys, every value opens again; under
    other keys the restore shows "0 readable" and ``check_restore`` says which keys to set.
    """
    section = {}
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in crypto.encrypted_columns(model)[0]:
            values = model._base_manager.filter(**{f"{field.name}__isnull": False})
            stored = readable = 0
            for value in values.values_list(field.name, flat=True).iterator(chunk_size=2000):
                stored += 1
                readable += not isinstance(value, crypto.Unreadable)
            section[f"{model._meta.db_table}.{field.column}"] = (
                f"{stored} stored, {readable} readable"
            )
    return dict(sorted(section.items()))


def files_manifest(roots: dict[str, Path]) -> dict[str, str]:
    digests = {}
    for name, root in roots.items():
        if not root.exists():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            digests[f"{name}/{path.relative_to(root)}"] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return digests


def _require_postgres():
    if connection.vendor != "postgresql":
        raise BackupError(
            "Backups are made of PostgreSQL (the production database); this install uses "
            f"{connection.vendor}. For a local SQLite file, copy db.sqlite3 while the site is "
            "stopped."
        )


def _client(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} not found: install the PostgreSQL client (postgresql-client).")
    return path


def _libpq_env(settings_dict: dict) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(settings_dict.get("HOST") or ""),
            "PGPORT": str(settings_dict.get("PORT") or ""),
            "PGUSER": str(settings_dict.get("USER") or ""),
            "PGPASSWORD": str(settings_dict.get("PASSWORD") or ""),
            "PGDATABASE": str(settings_dict["NAME"]),
        }
    )
    return {k: v for k, v in env.items() if v != "" or not k.startswith("PG")}


def make_backup(output: Path) -> dict:
    """Dump the database and archive the files into ``output``; return the manifest."""
    _require_postgres()
    output.mkdir(parents=True, exist_ok=True)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
        # The dump and the manifest see the very same snapshot, however busy the site is.
        dump = subprocess.run(  # noqa: S603
            [
                _client("pg_dump"),
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot}",
                f"--file={output / DUMP}",
            ],
            env=_libpq_env(connection.settings_dict),
            capture_output=True,
            text=True,
            check=False,
        )
        if dump.returncode != 0:
            raise BackupError(f"pg_dump failed: {dump.stderr.strip()}")
        manifest = database_manifest()
    roots = file_roots()
    with tarfile.open(output / FILES, "w:gz") as archive:
        for name, root in roots.items():
            if root.exists():
                archive.add(root, arcname=name)
    manifest["files"] = files_manifest(roots)
    manifest["database_sha256"] = hashlib.sha256((output / DUMP).read_bytes()).hexdigest()
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return manifest


def _admin_connection(settings_dict: dict):
    return psycopg.connect(
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def restore_backup(source: Path, database: str, media_root: Path, private_root: Path) -> None:
    """Restore ``source`` into a NEW database named ``database`` and the given file folders."""
    _require_postgres()
    if not (source / MANIFEST).exists():
        raise BackupError(f"{source} holds no {MANIFEST}: not a backup made by voca_backup.")
    target = {**connection.settings_dict, "NAME": database}
    with _admin_connection(target) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [database]
        ).fetchone()
        if exists:
            raise BackupError(f"Database {database} already exists; restore only into a new one.")
        admin.execute(
            psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(database))
        )
    result = subprocess.run(  # noqa: S603
        [
            _client("pg_restore"),
            "--no-owner",
            "--exit-on-error",
            f"--dbname={database}",
            str(source / DUMP),
        ],
        env=_libpq_env(target),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
    roots = {"media": media_root, "private": private_root}
    with tarfile.open(source / FILES, "r:gz") as archive:
        for member in archive.getmembers():
            top, _, rest = member.name.partition("/")
            if top not in roots or not rest:
                continue
            member.name = rest
            archive.extract(member, roots[top], filter="data")


def drop_database(database: str) -> None:
    with _admin_connection(connection.settings_dict) as admin:
        admin.execute(
            psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                psycopg.sql.Identifier(database)
            )
        )


def compare(expected: dict, actual: dict) -> list[str]:
    """Every difference between two manifests, as sentences; empty when identical."""
    problems = []
    sections = {k for k, v in (*expected.items(), *actual.items()) if isinstance(v, dict)}
    for section in sorted(sections):
        want, got = expected.get(section, {}), actual.get(section, {})
        for key in sorted(set(want) | set(got)):
            if want.get(key) != got.get(key):
                problems.append(
                    f"{section} {key}: backed up {want.get(key)!r}, restored {got.get(key)!r}"
                )
    return problems


def restored_database_manifest(database: str) -> dict:
    """The manifest of another database, read by a fresh process pointed at it."""
    import sys
    from urllib.parse import quote

    s = connection.settings_dict
    credentials = quote(str(s.get("USER") or ""), safe="")
    if s.get("PASSWORD"):
        credentials += ":" + quote(str(s["PASSWORD"]), safe="")
    host, port = s.get("HOST") or "127.0.0.1", s.get("PORT") or 5432
    url = f"postgres://{credentials}@{host}:{port}/{database}"
    env = {**os.environ, "DATABASE_URL": url}
    env.setdefault("DJANGO_SETTINGS_MODULE", os.environ.get("DJANGO_SETTINGS_MODULE", ""))
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "backup_manifest"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"Could not read the restored database: {result.stderr.strip()}")
    return json.loads(result.stdout)


def check_restore(source: Path, database: str, media_root: Path, private_root: Path) -> list[str]:
    expected = json.loads((source / MANIFEST).read_text())
    actual = restored_database_manifest(database)
    actual["files"] = files_manifest({"media": media_root, "private": private_root})
    problems = compare(expected, actual)
    if any(p.startswith("encrypted ") for p in problems):
        problems.append(KEYS_NOT_HELD)
    return problems
