"""Background job of the annual assessment: due-soon reminders (settings.PERIODIC_TASKS, hourly).
Its deadlines and escalations are viewflow timers, fired by workflows.tasks.workflow_timers_tick."""

from django_tasks import task

from assessment.services.annual_reminders import annual_due_soon_remind


@task()
def annual_reminders_send() -> int:
    """Reminds whoever may do each step due within three days. Safe twice: a step is reminded once."""
    return annual_due_soon_remind()
