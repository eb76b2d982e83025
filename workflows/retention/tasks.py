"""The worker runs the retention purge on its own schedule (settings.PERIODIC_TASKS)."""

from django_tasks import task

from workflows.retention.purge import retention_purge_all


@task()
def retention_purge_task() -> int:
    """Purges every district on schedule; returns how many districts had something purged."""
    return len(retention_purge_all())
