from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from voca.backup import BackupError, make_backup


class Command(BaseCommand):
    help = "Back up the PostgreSQL database and uploaded files, with a manifest to check restores."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="Folder for the backup.")

    def handle(self, *args, output: Path, **options):
        if output.exists() and any(output.iterdir()):
            raise CommandError(f"{output} is not empty; back up into a new folder.")
        try:
            manifest = make_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up {sum(manifest['tables'].values())} rows in {len(manifest['tables'])} "
            f"tables, {len(manifest['awards'])} award(s) and {len(manifest['files'])} files to "
            f"{output}"
        )
