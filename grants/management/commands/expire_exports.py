"""Remove generated report files past their expiry (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from grants.exports.tasks import remove_expired_exports


class Command(BaseCommand):
    help = "Delete generated report files older than VOCA_EXPORT_RETENTION_DAYS; the log stays."

    def handle(self, *args, **options):
        removed = remove_expired_exports()
        self.stdout.write(f"Removed {removed} expired report file(s).")
