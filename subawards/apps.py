from django.apps import AppConfig


class SubawardsConfig(AppConfig):
    name = "subawards"
    verbose_name = "Subawards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import permissions
        from .models import Claim, Subaward

        # Before any viewset asks: the list and pages follow subawards.permissions.
        register_permission_policy(Subaward, permissions.SubawardPolicy(Subaward))
        register_permission_policy(Claim, permissions.ClaimPolicy(Claim))
