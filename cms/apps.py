from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = "Public site"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import cache, locales, signals

        cache.connect()
        signals.connect()
        post_migrate.connect(locales.ensure_locales, sender=self, dispatch_uid="cms-locales")
