from django.apps import AppConfig


class VocaConfig(AppConfig):
    """Project wiring: roles across apps and the demo-content command. No domain logic."""

    name = "voca"
    verbose_name = "VOCA project"
