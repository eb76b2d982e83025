"""Background jobs of reaching people, periodic (settings.PERIODIC_TASKS)."""

from django_tasks import task

from surveys.services.invitations import invitation_codes_forget, invitation_reminders_send


@task()
def survey_reminders_send() -> dict[str, int]:
    """Queues the due reminders of unfinished email invitations, then forgets
    the codes no reminder needs any more. Safe twice: each reminder's mail key
    holds its number, and the invitation counts what was sent."""
    return {"reminders": invitation_reminders_send(), "codes_forgotten": invitation_codes_forget()}
