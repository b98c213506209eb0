"""No double booking, enforced by the database (see facilities/overlap.py):
an exclusion constraint on PostgreSQL, triggers on SQLite, created by vendor."""

from django.db import migrations

from kennisbrug.facilities import overlap


def _run(schema_editor, statements: dict[str, list[str]]) -> None:
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    _run(schema_editor, overlap.CREATE)


def backward(apps, schema_editor):
    _run(schema_editor, overlap.DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("facilities", "0004_plausible_dates"),
    ]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
