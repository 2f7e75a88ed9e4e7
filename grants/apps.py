from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = "VOCA grant"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.permissions import register_permission_policy

        from services.models import Contact

        from . import funding, permissions
        from .models import (
            Award,
            BudgetLine,
            BudgetRevision,
            Draw,
            MatchContribution,
            Obligation,
        )

        # Before any viewset asks, so no fallback policy ever allows deleting money records.
        for model in (Award, BudgetLine, BudgetRevision, MatchContribution, Obligation):
            register_permission_policy(model, permissions.AppendOnlyPolicy(model))
        register_permission_policy(Draw, permissions.DrawPolicy(Draw))
        # Contacts carry their funding award (grants.funding); services knows nothing of it.
        post_save.connect(funding.record_funding, sender=Contact, dispatch_uid="grants_funding")

    def manifest_part(self) -> dict:
        """The backup manifest's "awards": every award's balances, to prove a restore whole."""
        from .ledger import current_balances_of
        from .models import Award

        awards = {}
        for b in current_balances_of(Award.objects.order_by("pk")).values():
            awards[b.federal_award_number] = {
                "total": str(b.total),
                "budgeted": str(b.budgeted),
                "paid": str(b.paid),
                "committed": str(b.committed),
                "remaining": str(b.remaining),
                "match_required": str(b.match_required),
                "match_provided": str(b.match_provided),
                "lines": {
                    str(line.line_id): [str(line.amount), str(line.paid), str(line.committed)]
                    for line in b.lines
                },
            }
        return {"awards": awards}
