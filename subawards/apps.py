from django.apps import AppConfig


class SubawardsConfig(AppConfig):
    name = "subawards"
    verbose_name = "Subawards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import match_permissions, permissions
        from .models import Claim, Subaward, WaiverPolicy, WaiverRequest

        # Before any viewset asks: the list and pages follow subawards.permissions.
        register_permission_policy(Subaward, permissions.SubawardPolicy(Subaward))
        register_permission_policy(Claim, permissions.ClaimPolicy(Claim))
        register_permission_policy(WaiverPolicy, match_permissions.WaiverPolicyPolicy(WaiverPolicy))
        register_permission_policy(
            WaiverRequest, match_permissions.WaiverRequestPolicy(WaiverRequest)
        )
