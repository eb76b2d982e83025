"""Mail jobs, run by the worker on the "mail" queue so a slow SendGrid never delays the workflow's timers."""

from django_tasks import task


@task(queue_name="mail")
def email_deliver(outbound_id: int) -> None:
    """One try at delivering a queued mail (see notifications.delivery): claim, send, record.
    Safe to run twice: a mail already sent, being sent by a live worker, or not yet due is left alone."""
    from notifications.delivery import deliver

    deliver(outbound_id)


@task(queue_name="mail")
def email_sweep() -> int:
    """Periodic (settings.PERIODIC_TASKS): gives a delivery job back to every mail that should still
    go out but has none waiting (a lost job, a worker killed mid-send). Idempotent; returns how many
    jobs it enqueued."""
    from notifications.services import email_jobs_restore

    return email_jobs_restore()
