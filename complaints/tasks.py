"""Background jobs of the complaints app (periodic: settings.PERIODIC_TASKS)."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from complaints.models import Draft
from complaints.services.attachments import attachment_orphans_purge


@transaction.atomic
def expired_drafts_delete() -> int:
    """Deletes every complaint draft whose private link has expired; returns how many."""
    deleted, _ = Draft.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted


@task()
def expired_drafts_purge() -> int:
    """Hourly: expired drafts are deleted (safe twice: a deleted draft is gone)."""
    return expired_drafts_delete()


@task()
def attachment_orphans_purge_task() -> int:
    """Hourly: removes upload files left without an attachment by a process that
    died between writing a file and committing (safe twice)."""
    return attachment_orphans_purge()
