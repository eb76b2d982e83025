import importlib

import django.db.models.deletion
import viewflow.workflow.fields
from django.db import migrations, models

# Each concern row (workflows.QueueEntryConcern) becomes a full copy of its
# queue entry plus the concern, so the queue filtered by a concern counts and
# pages over the concern rows alone. The database keeps them, as in 0011: no
# write path (save, bulk_create, update(), raw SQL) can leave them stale.
_0011 = importlib.import_module("workflows.migrations.0011_queue2_entry_concerns")

# The entry's columns, copied under the same names.
_FACTS = [
    "task_id",
    "flow_task",
    "owner_permission",
    "complaint_id",
    "school_id",
    "district_id",
    "officer_id",
    "route",
    "created",
    "due_at",
]
_COLUMNS = f"workflows_queueentryconcern (category, {', '.join(_FACTS)})"


def _of(entry: str) -> str:
    return ", ".join(f"{entry}.{column}" for column in _FACTS)


# An entry added: one row per distinct concern of its complaint.
_ENTRY_CONCERNS = f"""
    SELECT DISTINCT a.category, {_of("NEW")}
    FROM complaints_allegation a WHERE a.complaint_id = NEW.complaint_id
"""
# An entry changed: its rows follow.
_ENTRY_CHANGED = f"""
    UPDATE workflows_queueentryconcern SET {", ".join(f"{column} = NEW.{column}" for column in _FACTS)}
    WHERE task_id = OLD.task_id
"""
# An allegation added or recategorised: a row for each entry of its complaint.
_COMPLAINT_ENTRIES = f"""
    SELECT NEW.category, {_of("e")}
    FROM workflows_queueentry e WHERE e.complaint_id = NEW.complaint_id
"""
# A concern leaves a complaint's entries only when no allegation of it is left.
_DROP_CONCERN = """
    DELETE FROM workflows_queueentryconcern WHERE category = OLD.category AND complaint_id = OLD.complaint_id
    AND NOT EXISTS (
        SELECT 1 FROM complaints_allegation a WHERE a.complaint_id = OLD.complaint_id AND a.category = OLD.category
    )
"""

POSTGRESQL_TRIGGERS = [
    f"""
    CREATE FUNCTION workflows_queue_concern_entry() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM workflows_queueentryconcern WHERE task_id = OLD.task_id;
            RETURN OLD;
        ELSIF TG_OP = 'INSERT' THEN
            INSERT INTO {_COLUMNS} {_ENTRY_CONCERNS} ON CONFLICT DO NOTHING;
        ELSE
            {_ENTRY_CHANGED};
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER workflows_queue_concern_entry_delete BEFORE DELETE
    ON workflows_queueentry FOR EACH ROW EXECUTE FUNCTION workflows_queue_concern_entry()
    """,
    """
    CREATE TRIGGER workflows_queue_concern_entry AFTER INSERT OR UPDATE
    ON workflows_queueentry FOR EACH ROW EXECUTE FUNCTION workflows_queue_concern_entry()
    """,
    f"""
    CREATE FUNCTION workflows_queue_concern_allegation() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            {_DROP_CONCERN};
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            INSERT INTO {_COLUMNS} {_COMPLAINT_ENTRIES} ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER workflows_queue_concern_allegation AFTER INSERT OR DELETE OR UPDATE OF category, complaint_id
    ON complaints_allegation FOR EACH ROW EXECUTE FUNCTION workflows_queue_concern_allegation()
    """,
]
SQLITE_TRIGGERS = [
    f"""
    CREATE TRIGGER workflows_queue_concern_entry_insert AFTER INSERT ON workflows_queueentry BEGIN
        INSERT OR IGNORE INTO {_COLUMNS} {_ENTRY_CONCERNS};
    END
    """,
    f"""
    CREATE TRIGGER workflows_queue_concern_entry_update AFTER UPDATE ON workflows_queueentry BEGIN
        {_ENTRY_CHANGED};
    END
    """,
    """
    CREATE TRIGGER workflows_queue_concern_entry_delete BEFORE DELETE ON workflows_queueentry BEGIN
        DELETE FROM workflows_queueentryconcern WHERE task_id = OLD.task_id;
    END
    """,
    f"""
    CREATE TRIGGER workflows_queue_concern_allegation_insert AFTER INSERT ON complaints_allegation BEGIN
        INSERT OR IGNORE INTO {_COLUMNS} {_COMPLAINT_ENTRIES};
    END
    """,
    f"""
    CREATE TRIGGER workflows_queue_concern_allegation_delete AFTER DELETE ON complaints_allegation BEGIN
        {_DROP_CONCERN};
    END
    """,
    f"""
    CREATE TRIGGER workflows_queue_concern_allegation_update AFTER UPDATE OF category, complaint_id
    ON complaints_allegation BEGIN
        {_DROP_CONCERN};
        INSERT OR IGNORE INTO {_COLUMNS} {_COMPLAINT_ENTRIES};
    END
    """,
]
# The concerns of the entries already there.
BACKFILL = f"""
    INSERT INTO {_COLUMNS}
    SELECT DISTINCT a.category, {_of("e")}
    FROM workflows_queueentry e JOIN complaints_allegation a ON a.complaint_id = e.complaint_id
"""


def _run(schema_editor, statements: dict) -> None:
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def triggers_create(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_TRIGGERS, "sqlite": SQLITE_TRIGGERS})
    schema_editor.execute(BACKFILL)
    # Statistics for the rows just written: without them PostgreSQL guesses a few
    # rows per concern and may walk a concern's page by the wrong index until
    # autovacuum gets round to the table.
    _run(schema_editor, {"postgresql": ["ANALYZE workflows_queueentryconcern"]})


def triggers_drop(apps, schema_editor):
    # The same trigger and function names as 0011's.
    _0011.triggers_drop(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("complaints", "0001_initial"),
        ("viewflow", "0001_initial"),
        ("workflows", "0011_queue2_entry_concerns"),
    ]

    operations = [
        migrations.RunPython(_0011.triggers_drop, _0011.triggers_create),
        migrations.DeleteModel(name="QueueEntryConcern"),
        migrations.CreateModel(
            name="QueueEntryConcern",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("category", models.CharField(max_length=20)),
                ("flow_task", viewflow.workflow.fields.TaskReferenceField()),
                ("owner_permission", models.CharField(max_length=255)),
                ("created", models.DateTimeField()),
                ("route", models.CharField(blank=True, max_length=16)),
                ("due_at", models.DateTimeField(null=True)),
                (
                    "task",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="viewflow.task",
                    ),
                ),
                (
                    "complaint",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="complaints.complaint"
                    ),
                ),
                (
                    "school",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.school",
                    ),
                ),
                (
                    "district",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.district",
                    ),
                ),
                (
                    "officer",
                    models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="accounts.officer",
                    ),
                ),
            ],
            options={
                "indexes": [
                    models.Index(fields=["category", "due_at", "task"], name="workflows_queue_concern_due"),
                    models.Index(fields=["category", "created", "task"], name="workflows_queue_concern_made"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("task", "category"), name="workflows_queue_concern_once")
                ],
            },
        ),
        migrations.RunPython(triggers_create, triggers_drop),
    ]
