"""The site-content version that cached public pages are keyed on (voca/page_cache.py).

Any save or delete of public-site content changes the version, so the next request renders
afresh. Pages rendered afresh reuse the parts every page shares (header, menu, footer, the filter
form) from template fragments keyed on the same version (``{% cache ... content_version %}``,
with ``content_version`` from ``context_processors.content_version``), so they are never stale.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

# What public pages show; a write to any of these changes the content version. Deliberately
# narrow (no revisions, logs, tasks, nor other apps' rows): each bump updates one shared row.
CONTENT_APPS = frozenset({"cms", "events", "wagtailimages", "wagtaildocs"})
CONTENT_MODELS = frozenset(
    {"wagtailcore.page", "wagtailcore.site", "wagtailcore.pageviewrestriction"}
)


def content_version(request) -> str:
    """The version as read once for this request (settings.VOCA_CONTENT_VERSION names this)."""
    from .models import ContentVersion

    return ContentVersion.for_request(request)


def bump_content_version(sender, **kwargs):
    # Migrations' historical models live in module "__fake__": the table may not exist yet.
    meta = sender._meta
    if (
        (meta.app_label in CONTENT_APPS or meta.label_lower in CONTENT_MODELS)
        and meta.model_name != "contentversion"
        and sender.__module__ != "__fake__"
    ):
        from .models import ContentVersion

        ContentVersion.bump()


def bump_on_m2m(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_content_version(kwargs["model"])
        bump_content_version(type(kwargs["instance"]))


def bump_on_page_move(sender, **kwargs):
    # Tree moves are written with queryset updates, which send no save signal.
    bump_content_version(type(kwargs["instance"]))


def bump_after_migrate(sender, using="default", **kwargs):
    """Every upgrade runs ``migrate``: pages and fragments drawn by the previous release's code
    and templates are never served after it, whatever the cache still holds."""
    from django.db import DEFAULT_DB_ALIAS

    from .locales import tables_exist
    from .models import ContentVersion

    # A ``migrate`` of another app alone on a database where cms has no table yet: nothing is
    # cached from it, so nothing to bump.
    if using == DEFAULT_DB_ALIAS and tables_exist(using, ContentVersion):
        ContentVersion.bump()


def connect():
    from django.apps import apps
    from django.db.models.signals import post_migrate
    from wagtail.signals import post_page_move

    post_migrate.connect(
        bump_after_migrate, sender=apps.get_app_config("cms"), dispatch_uid="cms-version-migrate"
    )

    post_page_move.connect(bump_on_page_move, dispatch_uid="cms-content-version-move")
    post_save.connect(bump_content_version, dispatch_uid="cms-content-version-save")
    post_delete.connect(bump_content_version, dispatch_uid="cms-content-version-delete")
    m2m_changed.connect(bump_on_m2m, dispatch_uid="cms-content-version-m2m")
