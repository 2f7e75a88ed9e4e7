"""Where private files live when several app servers share them: a table in PostgreSQL.

Chosen with ``VOCA_FILE_STORE=database`` (settings ``STORAGES["private"]``); the embedded default
is the local folder ``PRIVATE_STORAGE_ROOT``. Why the database rather than an object store, for an
agency this size: supporting documents (10 MB at most) and report files (kept 7 days) are small
and few; one ``voca_backup`` (pg_dump) then holds records and files in one consistent snapshot; a
file is written inside the operation's transaction, so a record never names a missing file;
there is no second service to run, secure and back up; and there is no public or presigned URL:
a file leaves only through its app's permission-checked view.
"""

import hashlib

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.utils.deconstruct import deconstructible


@deconstructible(path="voca.file_store.DatabaseStorage")
class DatabaseStorage(Storage):
    """Django storage over ``voca.StoredFile`` rows, on the default database."""

    @staticmethod
    def _rows():
        from .models import StoredFile

        return StoredFile.objects

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Stored files are written with save(), not opened for writing.")
        row = self._rows().filter(name=name).values_list("content", flat=True).first()
        if row is None:
            raise FileNotFoundError(f"No stored file named {name}")
        return ContentFile(bytes(row), name=name)

    def _save(self, name, content):
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        digest = hashlib.sha256(data).hexdigest()
        for _ in range(100):
            try:
                with transaction.atomic():
                    self._rows().create(name=name, content=data, size=len(data), sha256=digest)
                return name
            except IntegrityError:
                # Another server took this name between exists() and now: pick the next one.
                name = self.get_alternative_name(*self._split(name))
        raise SuspiciousFileOperation(f"No free name for {name}")

    @staticmethod
    def _split(name):
        import os

        directory, base = os.path.split(name)
        root, ext = os.path.splitext(base)
        return os.path.join(directory, root), ext

    def delete(self, name):
        self._rows().filter(name=name).delete()

    def exists(self, name):
        return self._rows().filter(name=name).exists()

    def size(self, name):
        size = self._rows().filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(f"No stored file named {name}")
        return size

    def listdir(self, path):
        prefix = path.rstrip("/") + "/" if path else ""
        directories, files = set(), []
        for name in self._rows().filter(name__startswith=prefix).values_list("name", flat=True):
            head, _, tail = name[len(prefix) :].partition("/")
            (directories.add(head) if tail else files.append(head))
        return sorted(directories), sorted(files)

    def get_created_time(self, name):
        return self._rows().values_list("created_at", flat=True).get(name=name)

    get_modified_time = get_created_time

    def url(self, name):
        raise NotImplementedError("Private files have no URL: they leave through a view.")

    def health_check(self) -> None:
        """Raise unless the store answers (used by /healthz)."""
        self._rows().filter(pk=0).exists()
