import tempfile
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from voca.backup import BackupError, check_restore, drop_database, make_backup, restore_backup


class Command(BaseCommand):
    help = (
        "Rehearse disaster recovery: back up, restore into a fresh database and folders, check "
        "row counts, award balances and files are identical, then drop the scratch copy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--keep", action="store_true", help="Keep the restored database.")

    def handle(self, *args, keep=False, **options):
        scratch_db = f"{connection.settings_dict['NAME']}_drill_{int(time.time())}"
        started = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="voca-drill-") as tmp:
            tmp = Path(tmp)
            try:
                manifest = make_backup(tmp / "backup")
                restore_backup(tmp / "backup", scratch_db, tmp / "media", tmp / "private")
                problems = check_restore(tmp / "backup", scratch_db, tmp / "media", tmp / "private")
            except BackupError as error:
                raise CommandError(str(error)) from error
            finally:
                if not keep:
                    drop_database(scratch_db)
        rows = sum(manifest["tables"].values())
        # "12 stored, 12 readable": every encrypted value opened again with this server's keys.
        encrypted = sum(int(v.split()[0]) for v in manifest.get("encrypted", {}).values())
        if problems:
            raise CommandError("Backup drill FAILED:\n" + "\n".join(problems))
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup drill PASSED in {time.monotonic() - started:.1f} s: {rows} rows in "
                f"{len(manifest['tables'])} tables, {len(manifest['awards'])} award(s) with their "
                f"balances, {encrypted} encrypted value(s) read back with this server's keys, "
                f"{len(manifest['files'])} files and "
                f"{len(manifest['stored_files'])} files in the database identical after restore."
            )
        )
