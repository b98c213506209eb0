"""Partners of an idea are invited until the partner organisation accepts.

Partners that exist before this change were added when the lead's word was enough:
they count as accepted (the issue's decision), so the column is added with "accepted"
for those rows and the default for new rows is "invited".
"""

from django.db import migrations, models

STATUS_CHOICES = [("invited", "invited, not yet accepted"), ("accepted", "partner")]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("organisations", "0003_imports_and_invitations"),
        ("projects", "0004_plausible_dates"),
    ]

    operations = [
        migrations.AddField(
            model_name="ideapartner",
            name="status",
            field=models.CharField(
                choices=STATUS_CHOICES, default="accepted", max_length=10, verbose_name="status"
            ),
        ),
        migrations.AlterField(
            model_name="ideapartner",
            name="status",
            field=models.CharField(
                choices=STATUS_CHOICES, default="invited", max_length=10, verbose_name="status"
            ),
        ),
        migrations.AddConstraint(
            model_name="ideapartner",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("role", "lead"), _negated=True),
                    ("status", "accepted"),
                    _connector="OR",
                ),
                name="projects_partner_lead_accepted",
                violation_error_message="The lead partner is always a partner.",
            ),
        ),
    ]
