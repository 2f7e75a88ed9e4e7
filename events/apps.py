from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = "Victim Service Days"

    def ready(self):
        from . import signals

        signals.connect()
