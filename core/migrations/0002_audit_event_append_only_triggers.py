"""Database triggers that refuse UPDATE and DELETE on the audit log.

The application refuses them too (core.models.AuditEvent); the triggers stop
raw SQL and other clients. The one update allowed is setting actor_id to NULL
with every other column unchanged: Django's on_delete=SET_NULL when a user
account is deleted (actor_repr keeps who it was).

On SQLite, ``manage.py flush`` (used between transactional tests) attaches a
database named ``cg_audit_flush`` for its duration, which the DELETE trigger
lets through; PostgreSQL's flush uses TRUNCATE, which row triggers do not see.
SQLite drops a table's triggers when Django rebuilds the table (most
AlterField/AddField operations): a later migration that changes AuditEvent
must create both SQLite triggers again, listing any new column (as 0003 does).
"""

from django.db import migrations

PG_FORWARD = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL
       AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'core_auditevent is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""
PG_REVERSE = """
DROP TRIGGER IF EXISTS core_auditevent_no_update ON core_auditevent;
DROP TRIGGER IF EXISTS core_auditevent_no_delete ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""

SQLITE_SAME_ROW = " AND ".join(
    f"NEW.{column} IS OLD.{column}"
    for column in (
        "id",
        "created_at",
        "actor_repr",
        "action",
        "content_type_id",
        "object_id",
        "object_repr",
        "changes",
        "note",
        "ip_address",
        "user_agent",
    )
)
SQLITE_FORWARD = [
    f"""CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
    WHEN NOT (NEW.actor_id IS NULL AND {SQLITE_SAME_ROW})
    BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only: UPDATE refused'); END;""",
    """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
    WHEN NOT EXISTS (SELECT 1 FROM pragma_database_list WHERE name = 'cg_audit_flush')
    BEGIN SELECT RAISE(ABORT, 'core_auditevent is append-only: DELETE refused'); END;""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete;",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            return
        for statement in [statements] if isinstance(statements, str) else statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0001_audit_event")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
