"""Machine-draft marks follow their objects: made when a machine translates one, gone with it."""

from django.db.models.signals import post_delete
from wagtail.models import TranslatableMixin

from voca.i18n import machine_translated


def mark_machine_translation(sender, instance, **kwargs):
    from .operations import mark_machine_draft

    mark_machine_draft(instance)


def forget_deleted_translation(sender, instance, **kwargs):
    # A generic relation has no cascade; only translatable objects are ever marked.
    if isinstance(instance, TranslatableMixin):
        from .operations import forget_machine_draft

        forget_machine_draft(instance)


def connect():
    machine_translated.connect(mark_machine_translation, dispatch_uid="cms-machine-draft-mark")
    post_delete.connect(forget_deleted_translation, dispatch_uid="cms-machine-draft-forget")
