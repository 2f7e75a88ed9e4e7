from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from voca.backup import BackupError, check_restore, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup into a NEW PostgreSQL database and file folders, then check that row "
        "counts, every award's balances and every file are identical to the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, type=Path, help="Folder made by voca_backup.")
        parser.add_argument("--database", required=True, help="Name of the new database.")
        parser.add_argument("--media-root", required=True, type=Path)
        parser.add_argument("--private-root", required=True, type=Path)

    def handle(self, *args, **options):
        try:
            restore_backup(
                options["input"],
                options["database"],
                options["media_root"],
                options["private_root"],
            )
            problems = check_restore(
                options["input"],
                options["database"],
                options["media_root"],
                options["private_root"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        if problems:
            raise CommandError("Restore differs from the backup:\n" + "\n".join(problems))
        self.stdout.write(self.style.SUCCESS("Restored and checked: identical to the backup."))
