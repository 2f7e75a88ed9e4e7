"""Names, phones, consent scopes, notes and referrals encrypted with the agency's keys.

The columns become text (ciphertext is longer than the plaintext limits, which stay on the
fields); then what an existing installation holds is encrypted in place, read and written raw
500 rows at a time (memory stays flat however many there are). On PostgreSQL the migration is one
transaction: all encrypted, or nothing changed. Migrating back decrypts (with the keys held).
"""

import django.core.validators
from django.db import migrations

import voca.crypto

BATCH = 500


def _rewrite(apps, schema_editor, step):
    for name in ("Client", "Contact"):
        model = apps.get_model("services", name)
        for _changed in voca.crypto.rewrite_rows(
            schema_editor.connection, model, step(model), batch_size=BATCH
        ):
            pass


def encrypt_existing(apps, schema_editor):
    _rewrite(apps, schema_editor, voca.crypto.encrypting)


def decrypt_existing(apps, schema_editor):
    _rewrite(apps, schema_editor, voca.crypto.decrypting)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0008_contact_staff_client"),
    ]

    operations = [
        migrations.AddField(
            model_name="client",
            name="phone_digest",
            field=voca.crypto.LookupDigestField(
                blank=True, db_index=True, default="", editable=False, max_length=64, source="phone"
            ),
        ),
        migrations.AlterField(
            model_name="client",
            name="consent_scope",
            field=voca.crypto.EncryptedCharField(
                blank=True,
                help_text="What the client agreed to, e.g. 'call back about compensation claim'.",
                max_length=200,
            ),
        ),
        migrations.AlterField(
            model_name="client",
            name="first_name",
            field=voca.crypto.EncryptedCharField(
                blank=True,
                max_length=60,
                validators=[django.core.validators.MaxLengthValidator(60)],
                verbose_name="first name or initials",
            ),
        ),
        migrations.AlterField(
            model_name="client",
            name="phone",
            field=voca.crypto.EncryptedCharField(
                blank=True,
                max_length=30,
                validators=[django.core.validators.MaxLengthValidator(30)],
            ),
        ),
        migrations.AlterField(
            model_name="contact",
            name="notes",
            field=voca.crypto.EncryptedTextField(
                blank=True,
                max_length=2000,
                validators=[django.core.validators.MaxLengthValidator(2000)],
                verbose_name="confidential notes",
            ),
        ),
        migrations.AlterField(
            model_name="contact",
            name="referrals",
            field=voca.crypto.EncryptedCharField(
                blank=True,
                help_text="Kinds of agency referred to; no names of people.",
                max_length=300,
                validators=[django.core.validators.MaxLengthValidator(300)],
            ),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing, elidable=True),
    ]
