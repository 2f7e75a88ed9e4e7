"""Void reasons and the change reasons of the history tables encrypted with the agency's keys.

Free text a supervisor or staff member typed ("Voided: entered under her sister's name", a late
edit's why) can identify a victim. The columns become encrypted text; what an installation holds
is encrypted in place, 500 rows at a time, as in 0009 (the history tables included: every save
made a row there). "" becomes NULL, so the void-needs-a-reason check now asks for a value.
"""

import django.core.validators
from django.db import migrations, models

import voca.crypto

BATCH = 500
# (model, its fields this migration encrypts)
COLUMNS = [
    ("Contact", {"void_reason"}),
    ("HistoricalContact", {"void_reason", "history_change_reason"}),
    ("HistoricalClient", {"history_change_reason"}),
]


def _rewrite(apps, schema_editor, step):
    for name, fields in COLUMNS:
        model = apps.get_model("services", name)
        chosen = voca.crypto.encrypted_columns(model, fields)
        for _changed in voca.crypto.rewrite_rows(
            schema_editor.connection,
            model,
            step(model, fields),
            batch_size=BATCH,
            encrypted=chosen,
        ):
            pass


def encrypt_existing(apps, schema_editor):
    _rewrite(apps, schema_editor, voca.crypto.encrypting)


def decrypt_existing(apps, schema_editor):
    _rewrite(apps, schema_editor, voca.crypto.decrypting)


def _void_reason():
    return voca.crypto.EncryptedCharField(
        blank=True,
        editable=False,
        max_length=300,
        validators=[django.core.validators.MaxLengthValidator(300)],
    )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0009_encrypt_confidential_fields"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="contact", name="void_needs_reason"),
        migrations.AlterField(model_name="contact", name="void_reason", field=_void_reason()),
        migrations.AlterField(
            model_name="historicalcontact", name="void_reason", field=_void_reason()
        ),
        migrations.AlterField(
            model_name="historicalclient",
            name="history_change_reason",
            field=voca.crypto.EncryptedTextField(),
        ),
        migrations.AlterField(
            model_name="historicalcontact",
            name="history_change_reason",
            field=voca.crypto.EncryptedTextField(),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing, elidable=True),
        migrations.AddConstraint(
            model_name="contact",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("voided", False), ("void_reason__isnull", False), _connector="OR"
                ),
                name="void_needs_reason",
            ),
        ),
    ]
