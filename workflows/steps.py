"""What the automatic steps of ComplaintFlow do."""

from django.utils import timezone

from complaints.models import Audience, Message, MessageKind, OutcomeLetter, PublicStatus
from workflows import notify
from workflows.calendar import deadline_for
from workflows.models import ComplaintProcess, Route, TaskDue
from workflows.satisfaction import satisfaction_offer


def _complaint(activation):
    return ComplaintProcess.objects.select_related("complaint__school").get(pk=activation.process.pk).complaint


def _set_status(complaint, status: str) -> None:
    complaint.public_status = status
    complaint.save(update_fields=["public_status"])


def _clock_start(activation, step: str, complaint):
    """When ``step``'s deadline starts counting: now, except for a complaint's first
    triage, which counts from the filing (the review starts in a job after it,
    workflows.review.start_tasks). A reopened complaint's triage counts from now."""
    now = timezone.now()
    if step != "triage":
        return now
    flow_class = activation.flow_task.flow_class
    reopened = flow_class.task_class.objects.filter(process_id=activation.process.pk, flow_task=flow_class.reopen)
    return now if reopened.exists() else min(complaint.created_at, now)


def due(step: str):
    """The due moment of ``step`` for a task activation (viewflow timer delay)."""

    def delay(activation):
        complaint = _complaint(activation)
        return deadline_for(complaint.school.district, step, _clock_start(activation, step, complaint))

    return delay


def record_due(step: str):
    """Stores the task's due date so queues can sort and filter by it."""

    def on_create(activation):
        complaint = _complaint(activation)
        due_at = deadline_for(complaint.school.district, step, _clock_start(activation, step, complaint))
        TaskDue.objects.create(task=activation.task, due_at=due_at)

    return on_create


def acknowledge(activation) -> None:
    complaint = _complaint(activation)
    notify.coordinators_told(complaint, "new_complaint", key="filed")


def notify_outcome(activation) -> None:
    """Publishes the approved letter on the tracking page with the last day to
    appeal (the district's appeal window in school days), and tells the complainant."""
    complaint = _complaint(activation)
    now = timezone.now()
    outcome = OutcomeLetter.objects.get(complaint=complaint)
    outcome.published_at = now
    outcome.appeal_until = timezone.localdate(deadline_for(complaint.school.district, "appeal_window", now))
    outcome.save(update_fields=["published_at", "appeal_until"])
    Message.objects.create(
        complaint=complaint,
        author=outcome.second_approved_by or outcome.approved_by,
        body=outcome.body,
        audience=Audience.PUBLIC,
        kind=MessageKind.OUTCOME,
    )
    _set_status(complaint, PublicStatus.OUTCOME_SENT)
    satisfaction_offer(complaint)
    # One mail per publication: a reopened complaint's new outcome is news too.
    notify.complainant_told(complaint, "outcome_ready", key=f"sent-{activation.task.pk}")


def receive_appeal(activation, **kwargs) -> None:
    """The appeal itself is recorded by workflows.review.services.appeal_file."""


def close(activation) -> None:
    complaint = _complaint(activation)
    _set_status(complaint, PublicStatus.CLOSED)
    notify.complainant_told(complaint, "status_changed", key="closed", event=MessageKind.CLOSED)


def close_out_of_scope(activation) -> None:
    close(activation)
    satisfaction_offer(_complaint(activation))


def escalate(activation) -> None:
    """An overdue task: mark it and tell the coordinators; the task stays open."""
    timer_task = activation.task.previous.first()
    host_task = timer_task.previous.first() if timer_task else None
    if host_task is not None:
        TaskDue.objects.filter(task=host_task).update(escalated_at=timezone.now())
    complaint = _complaint(activation)
    notify.coordinators_told(
        complaint,
        "task_overdue",
        key=f"task-{host_task.pk if host_task else 0}",
        step=host_task.flow_task.name if host_task else "",
    )


def is_out_of_scope(activation) -> bool:
    return ComplaintProcess.objects.get(pk=activation.process.pk).route == Route.OUT_OF_SCOPE
