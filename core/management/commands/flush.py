"""Django's ``flush``, able to empty the append-only audit log on SQLite.

The SQLite trigger that refuses DELETE on core_auditevent lets rows go only
while a database named ``cg_audit_flush`` is attached to the connection (see
core/migrations/0002). Flushing a whole database is a deliberate reset, as
TRUNCATE is on PostgreSQL, so this command attaches it for its duration.
"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

FLAG = "cg_audit_flush"


class Command(FlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        with connection.cursor() as cursor:
            cursor.execute(f"ATTACH DATABASE ':memory:' AS {FLAG}")
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"DETACH DATABASE {FLAG}")
