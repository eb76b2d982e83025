"""Background work for complaints (run by the worker)."""

from django_tasks import task

from complaints.services.attachments import attachment_orphans_purge


@task()
def attachment_orphans_purge_task() -> int:
    """Removes upload files left without an attachment by a process that died
    between writing a file and committing. Run it hourly (PERIODIC_TASKS)."""
    return attachment_orphans_purge()
