"""What the casework steps of ComplaintFlow do: withdrawn by the complainant,
closed as a duplicate, reopened by the coordinator. The flow reaches them from
any open step (workflows.review.transitions); the person's words travel in the
step's task data."""

from complaints.models import Audience, Message, MessageKind, PublicStatus
from workflows import notify
from workflows.models import ComplaintProcess


def _complaint(activation):
    return ComplaintProcess.objects.select_related("complaint__school").get(pk=activation.process.pk).complaint


def _set_status(complaint, status: str) -> None:
    complaint.public_status = status
    complaint.save(update_fields=["public_status"])


def withdraw(activation) -> None:
    """The complainant withdrew: the tracking page and their mail say so."""
    complaint = _complaint(activation)
    _set_status(complaint, PublicStatus.WITHDRAWN)
    notify.complainant_told(
        complaint, "status_changed", key=f"withdrawn-{activation.task.pk}", event=MessageKind.WITHDRAWN
    )


def close_duplicate(activation) -> None:
    """Closed as a duplicate of another complaint: its complainant reads why."""
    complaint = _complaint(activation)
    _set_status(complaint, PublicStatus.CLOSED)
    Message.objects.create(
        complaint=complaint,
        author_id=activation.task.data.get("user"),
        body=activation.task.data.get("explanation", ""),
        audience=Audience.PUBLIC,
        kind=MessageKind.DUPLICATE,
    )
    notify.complainant_told(complaint, "public_message", key=f"duplicate-{activation.task.pk}")


def reopen(activation) -> None:
    """Back to triage: the route is chosen afresh (the old one stays in the audit log)."""
    complaint = _complaint(activation)
    ComplaintProcess.objects.filter(pk=activation.process.pk).update(route="", emergency=False)
    _set_status(complaint, PublicStatus.RECEIVED)
    notify.complainant_told(
        complaint, "status_changed", key=f"reopened-{activation.task.pk}", event=MessageKind.REOPENED
    )
