"""No double booking, enforced by the database itself (the guarantee under the services).

A facility's bookings that hold their slot for good (approved, and completed, which
were approved) never overlap, whatever writes them: the services, the back office, a
shell or a bulk import. The services check first and lock the facility row; a write that
slips past them fails with an IntegrityError naming CONSTRAINT, which the services turn
into the usual "slot taken" error.

- PostgreSQL: an exclusion constraint over (facility, [start, end)) with btree_gist,
  limited to the holding states; "[)" ranges let touching bookings be.
- SQLite: two triggers (insert, update) that abort with the constraint's name.

It lives in SQL (the migration *_booking_no_overlap and `ensure_guard`), not in Booking.Meta, so the model
stays portable and free of django.contrib.postgres. Creating btree_gist needs a role that
may create extensions (the superuser, or a managed database's extension allow-list).
"""

from django.db import IntegrityError

CONSTRAINT = "facilities_booking_no_overlap"
# The states that hold a slot for good; keep in step with constants.USED_STATES.
HOLDING_STATES = ("approved", "completed")
_HOLDING_SQL = "(" + ", ".join(f"'{state}'" for state in HOLDING_STATES) + ")"

POSTGRESQL_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""
    ALTER TABLE facilities_booking ADD CONSTRAINT {CONSTRAINT}
    EXCLUDE USING gist (
        facility_id WITH =,
        tstzrange("start", "end", '[)') WITH &&
    ) WHERE (status IN {_HOLDING_SQL})
    """,
]
POSTGRESQL_DROP = [f"ALTER TABLE facilities_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}"]

# Django stores datetimes on SQLite as UTC text of one format, so text order is time order.
# built from the constants above only, never from input
_SQLITE_CLASH = f"""
    SELECT RAISE(ABORT, '{CONSTRAINT}')
    WHERE NEW.status IN {_HOLDING_SQL} AND EXISTS (
        SELECT 1 FROM facilities_booking AS other
        WHERE other.facility_id = NEW.facility_id
          AND other.id IS NOT NEW.id
          AND other.status IN {_HOLDING_SQL}
          AND other."start" < NEW."end"
          AND other."end" > NEW."start"
    );
"""  # noqa: S608
SQLITE_TRIGGERS = (f"{CONSTRAINT}_insert", f"{CONSTRAINT}_update")
SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_TRIGGERS[0]} BEFORE INSERT ON facilities_booking
    BEGIN {_SQLITE_CLASH} END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {SQLITE_TRIGGERS[1]}
    BEFORE UPDATE OF facility_id, "start", "end", status ON facilities_booking
    BEGIN {_SQLITE_CLASH} END
    """,
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]

MIGRATION_SUFFIX = "_booking_no_overlap"
CREATE = {"postgresql": POSTGRESQL_CREATE, "sqlite": SQLITE_CREATE}
DROP = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}


def is_overlap(exc: IntegrityError) -> bool:
    """Whether `exc` is this guard refusing an overlapping booking."""
    return CONSTRAINT in str(exc)


def ensure_guard(sender=None, using: str = "default", **kwargs) -> None:
    """Re-create the SQLite triggers after every migrate (a post_migrate receiver).

    SQLite alters a table by copying it into a new one, which drops its triggers; a
    later migration that alters facilities_booking would silently remove the guard.
    PostgreSQL keeps its constraint through ALTER TABLE, so nothing is done there.
    """
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    from django.db.migrations.recorder import MigrationRecorder

    applied = MigrationRecorder(connection).applied_migrations()
    if not any(app == "facilities" and name.endswith(MIGRATION_SUFFIX) for app, name in applied):
        return  # not migrated that far (or migrated back): no guard wanted yet
    with connection.cursor() as cursor:
        for sql in SQLITE_CREATE:
            cursor.execute(sql)
