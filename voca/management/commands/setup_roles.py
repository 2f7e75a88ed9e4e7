from django.core.management.base import BaseCommand

from voca.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the staff role groups and their permissions (safe to run again)."

    def handle(self, *args, **options):
        for group in sync_roles():
            self.stdout.write(f"{group.name}: {group.permissions.count()} permissions")
