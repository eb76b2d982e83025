"""Background jobs of the surveys app (periodic: settings.PERIODIC_TASKS)."""

from django_tasks import task

from surveys.services.taking import drafts_expired_delete


@task()
def survey_drafts_purge() -> int:
    """Hourly: unfinished survey drafts past their expiry or of a closed
    survey are deleted (safe twice: a deleted draft is gone)."""
    return drafts_expired_delete()
