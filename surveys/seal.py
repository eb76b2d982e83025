"""Breaking the last link between an invitation and its response.

``response_store`` marks the invitation finished in the transaction that
stores the response, so nothing is counted twice. On PostgreSQL every row
version records the id of the transaction that wrote it (the hidden ``xmin``
column), so until something else rewrites the invitation, someone reading the
database directly could match it to the response written by the same
transaction. The seal rewrites every newly finished invitation in one
transaction of its own (they then share a transaction id with each other and
with no response) and vacuums the invitation and draft tables so the old row
versions are gone. The worker runs it every few minutes
(``settings.PERIODIC_TASKS``).
"""

from django.db import connection, transaction
from django_tasks import task

from surveys.models import Invitation, ResponseDraft

_VACUUMED = (Invitation._meta.db_table, ResponseDraft._meta.db_table)


def invitations_seal() -> int:
    """Rewrites the finished, unsealed invitations in one transaction and, on
    PostgreSQL, vacuums away their old row versions; returns how many."""
    with transaction.atomic():
        sealed = Invitation.objects.filter(sealed=False).update(sealed=True)
    if sealed and connection.vendor == "postgresql" and connection.get_autocommit():
        with connection.cursor() as cursor:
            for table in _VACUUMED:
                cursor.execute(f'VACUUM "{table}"')  # VACUUM cannot run inside a transaction
    return sealed


@task()
def invitations_seal_task() -> int:
    return invitations_seal()
