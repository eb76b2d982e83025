"""Background jobs of the review workflow. All are periodic (settings.PERIODIC_TASKS):
``manage.py run_worker`` keeps each one scheduled, no cron. Each is safe to run twice."""

from django_tasks import task
from viewflow.workflow.timers import fire_due_timers

from workflows import reminders


@task(queue_name="timers")
def workflow_timers_tick() -> int:
    """Fires due viewflow timers (deadlines, escalations, appeal windows) and returns how
    many. The worker queues the next tick when this one ends, even when it fails.
    Safe twice: viewflow re-checks each timer under its flow lock."""
    return fire_due_timers()


@task()
def reminders_send() -> dict[str, int]:
    """Queues due-soon reminders to task owners and the 30-day updates to complainants.
    Safe twice: a task is reminded once (``reminded_at``); an update waits 30 days."""
    return {
        "due_soon": reminders.due_soon_remind(),
        "still_open": reminders.open_complaints_update(),
    }


@task()
def coordinator_digest_send() -> int:
    """Queues this ISO week's digest for every coordinator; the mail key holds the week,
    so running it hourly sends each coordinator exactly one digest a week."""
    return reminders.coordinator_digest_send()
