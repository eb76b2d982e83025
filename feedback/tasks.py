"""Background jobs of the sessions (periodic: settings.PERIODIC_TASKS). Each is safe to run twice."""

from django_tasks import task

from feedback.services.registrations import consent_holds_release
from feedback.services.reminders import reminders_send


@task()
def session_reminders_send() -> int:
    """Every 15 minutes: reminders before sessions (each sent once: its mail key)."""
    return reminders_send()


@task()
def consent_holds_release_task() -> int:
    """Hourly: seats held for a guardian's consent past their deadline go to the waitlist."""
    return consent_holds_release()
