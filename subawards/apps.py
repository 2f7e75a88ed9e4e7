from django.apps import AppConfig


class SubawardsConfig(AppConfig):
    name = "subawards"
    verbose_name = "Subawards"
    default_auto_field = "django.db.models.BigAutoField"
