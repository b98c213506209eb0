from datetime import timedelta

import django.utils.timezone
from django.db import migrations, models


def expire_existing_tokens(apps, schema_editor):
    """Tokens from before expiry existed get the default lifetime from their creation."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        token.expires_at = token.created_at + timedelta(days=90)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_plain_text_validators"),
    ]

    operations = [
        migrations.AlterField(
            model_name="apitoken",
            name="created_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="created at"
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires at"),
        ),
        migrations.RunPython(expire_existing_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(verbose_name="expires at"),
        ),
    ]
