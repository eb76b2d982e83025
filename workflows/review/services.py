"""What staff (and complainants, for appeals) do to a complaint under review.

Every function runs in one transaction, checks that the person may act, drives
the viewflow task, and writes the audit log in that same transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.backends import TASK_RULES
from accounts.rules import ComplaintRule, may
from complaints.models import (
    Allegation,
    Appeal,
    Attachment,
    Audience,
    Complaint,
    Finding,
    Message,
    MessageKind,
    OutcomeLetter,
    PublicStatus,
    Recusal,
)
from core.audit import AuditKind, audit_record
from workflows import notify
from workflows.activation import task_complete
from workflows.models import ComplaintProcess, Route
from workflows.review.officers import early_warning_check_task
from workflows.review.selectors import CaseAccess


def _check(task: Task, user, *, action: str = "execute") -> Complaint:
    """The task's complaint, if ``user`` may ``action`` (assign, unassign or
    execute) the task. viewflow's node decides what the task's state allows;
    accounts.rules decides who holds the step's permission on this complaint
    (never Django's superuser shortcut, so no operator bypasses a conflict)."""
    node, complaint = task.flow_task, task.process.complaintprocess.complaint
    if action == "execute":
        action = "execute" if task.owner_id else "assign"
    state_allows = getattr(node, f"can_{action}")(user, task)
    if not (state_allows and may(user, TASK_RULES[task.owner_permission], complaint)):
        raise PermissionDenied
    return complaint


@transaction.atomic
def task_claim(*, task: Task, user) -> None:
    complaint = _check(task, user, action="assign")
    with task.activation() as activation:
        activation.assign(user)
    _stamp_assigned(task)
    audit_record(actor=user, kind=AuditKind.TASK_CLAIMED, obj=complaint, note=task.flow_task.name)


@transaction.atomic
def task_release(*, task: Task, user) -> None:
    complaint = _check(task, user, action="unassign")
    with task.activation() as activation:
        activation.unassign()
    audit_record(actor=user, kind=AuditKind.TASK_RELEASED, obj=complaint, note=task.flow_task.name)


@transaction.atomic
def task_reassign(*, task: Task, user, to_user) -> None:
    """The coordinator hands a task to someone who may do it."""
    complaint = task.process.complaintprocess.complaint
    rule = TASK_RULES[task.owner_permission]
    if not may(user, ComplaintRule.COORDINATE, complaint) or not may(to_user, rule, complaint):
        raise PermissionDenied
    with task.activation() as activation:
        if task.status == STATUS.NEW:
            activation.assign(to_user)
        else:
            activation.reassign(user=to_user)
    _stamp_assigned(task)
    notify.assignee_told(complaint, to_user, task.flow_task.name, key=f"{task.pk}-{to_user.pk}")
    audit_record(
        actor=user,
        kind=AuditKind.TASK_REASSIGNED,
        obj=complaint,
        changes={"owner": [task.owner_id, to_user.pk]},
        note=task.flow_task.name,
    )


def _stamp_assigned(task: Task) -> None:
    # viewflow records who owns a task but not since when; the case timeline shows it.
    Task.objects.filter(pk=task.pk).update(assigned=timezone.now())


@transaction.atomic
def triage_complete(
    *, task: Task, user, route: str, emergency: bool, explanation: str, shared_files: list[Attachment] = ()
) -> None:
    """Routes the complaint; ``shared_files`` are the files the police review may open."""
    complaint = _check(task, user)
    if route == Route.OUT_OF_SCOPE and not explanation.strip():
        raise ValidationError({"explanation": _("Explain to the complainant why this is outside scope.")})
    process = task.process.complaintprocess
    before = {"route": process.route, "emergency": process.emergency}
    ComplaintProcess.objects.filter(pk=process.pk).update(
        route=route, emergency=emergency, scope_explanation=explanation
    )
    if route == Route.OUT_OF_SCOPE:
        Message.objects.create(
            complaint=complaint,
            author=user,
            body=explanation.strip(),
            audience=Audience.PUBLIC,
            kind=MessageKind.OUT_OF_SCOPE,
        )
    else:
        Complaint.objects.filter(pk=complaint.pk).update(public_status=PublicStatus.IN_REVIEW)
        notify.complainant_told(complaint, "status_changed", key="in-review", event=MessageKind.IN_REVIEW)
    shared = [f.pk for f in shared_files if f.complaint_id == complaint.pk]
    complaint.attachments.update(shared_with_police=False)
    complaint.attachments.filter(pk__in=shared).update(shared_with_police=True)
    if emergency:
        notify.emergency_alert(complaint)
    audit_record(
        actor=user,
        kind=AuditKind.TRIAGED,
        obj=complaint,
        changes={
            "route": [before["route"], route],
            "emergency": [before["emergency"], emergency],
            "files_shared_with_police": [None, shared],
        },
    )
    task_complete(task, user)


@transaction.atomic
def review_complete(*, task: Task, user, review: str, findings: dict[int, tuple[str, str]]) -> None:
    """Records one review's finding on every allegation and completes its task."""
    complaint = _check(task, user)
    allegations = {a.pk: a for a in complaint.allegations.all()}
    if set(findings) != set(allegations):
        raise ValidationError(_("Record a finding for every concern."))
    for allegation_id, (value, actions) in findings.items():
        Finding.objects.update_or_create(
            allegation=allegations[allegation_id],
            review=review,
            defaults={"value": value, "actions_taken": actions, "recorded_by": user},
        )
    audit_record(
        actor=user,
        kind=AuditKind.REVIEW_RECORDED,
        obj=complaint,
        changes={f"finding:{review}:{k}": [None, v[0]] for k, v in findings.items()},
        note=review,
    )
    task_complete(task, user)


@transaction.atomic
def outcome_complete(*, task: Task, user, letter: str, finals: dict[int, str]) -> None:
    """The coordinator records the final finding of every concern and approves
    the letter; the flow then publishes it (after a second approval where the
    district asks for one)."""
    complaint = _check(task, user)
    allegations = {a.pk: a for a in complaint.allegations.all()}
    if set(finals) != set(allegations) or not all(finals.values()):
        raise ValidationError(_("Record a final finding for every concern."))
    for allegation_id, value in finals.items():
        Allegation.objects.filter(pk=allegation_id).update(final_finding=value)
    OutcomeLetter.objects.update_or_create(
        complaint=complaint,
        defaults={"body": letter.strip(), "approved_by": user, "approved_at": timezone.now()},
    )
    audit_record(
        actor=user,
        kind=AuditKind.OUTCOME_APPROVED,
        obj=complaint,
        changes={f"final_finding:{k}": [allegations[k].final_finding or None, v] for k, v in finals.items()},
    )
    if complaint.officer_id:
        # The worker checks the officer against the early-intervention threshold (workflows/review/officers.py).
        early_warning_check_task.enqueue(complaint.officer_id)
    task_complete(task, user)


@transaction.atomic
def outcome_second_approve(*, task: Task, user, letter: str) -> None:
    """A second coordinator, not the first approver, approves the (possibly corrected) letter."""
    complaint = _check(task, user)
    outcome = OutcomeLetter.objects.select_for_update().get(complaint=complaint)
    if outcome.approved_by_id == user.pk:
        raise ValidationError(_("A different coordinator must give the second approval."))
    before = outcome.body
    outcome.body, outcome.second_approved_by, outcome.second_approved_at = (
        letter.strip(),
        user,
        timezone.now(),
    )
    outcome.save(update_fields=["body", "second_approved_by", "second_approved_at"])
    audit_record(
        actor=user,
        kind=AuditKind.OUTCOME_SECOND_APPROVED,
        obj=complaint,
        changes={"letter_changed": [None, before != outcome.body]},
    )
    task_complete(task, user)


@transaction.atomic
def appeal_file(*, complaint: Complaint, reason: str) -> Appeal:
    """The complainant appeals while the appeal window is open."""
    task = open_task(complaint, "appeal_window")
    if task is None:
        raise ValidationError(_("The appeal window for this complaint is closed."))
    appeal = Appeal.objects.create(complaint=complaint, reason=reason.strip())
    task.flow_task.run(task)
    Message.objects.create(complaint=complaint, audience=Audience.PUBLIC, kind=MessageKind.APPEAL_RECEIVED)
    notify.coordinators_told(complaint, "appeal_received", key=f"appeal-{appeal.pk}")
    audit_record(actor=None, kind=AuditKind.APPEAL_FILED, obj=appeal)
    return appeal


@transaction.atomic
def appeal_decide(*, task: Task, user, decision: str) -> None:
    complaint = _check(task, user)
    Appeal.objects.filter(complaint=complaint, decided_at__isnull=True).update(
        decision=decision.strip(), decided_by=user, decided_at=timezone.now()
    )
    Message.objects.create(
        complaint=complaint,
        author=user,
        body=decision.strip(),
        audience=Audience.PUBLIC,
        kind=MessageKind.APPEAL_DECISION,
    )
    audit_record(actor=user, kind=AuditKind.APPEAL_DECIDED, obj=complaint)
    task_complete(task, user)


@transaction.atomic
def note_add(*, complaint: Complaint, user, body: str, audience: str) -> Message:
    """A note read only by ``audience`` (one the author may write to), or a
    public message shown on the tracking page."""
    if audience not in CaseAccess(user, complaint).audiences():
        raise PermissionDenied
    message = Message.objects.create(complaint=complaint, author=user, body=body.strip(), audience=audience)
    public = audience == Audience.PUBLIC
    if public:
        notify.complainant_told(complaint, "public_message", key=f"message-{message.pk}")
    audit_record(actor=user, kind=AuditKind.MESSAGE_PUBLISHED if public else AuditKind.NOTE_ADDED, obj=message)
    return message


@transaction.atomic
def recusal_add(*, complaint: Complaint, user, person, reason: str) -> Recusal:
    """The coordinator recuses ``person`` from the complaint: from now on they
    neither see nor act on it, nor hear about it."""
    if not may(user, ComplaintRule.COORDINATE, complaint):
        raise PermissionDenied
    recusal, _created = Recusal.objects.get_or_create(
        complaint=complaint, user=person, defaults={"reason": reason, "recorded_by": user}
    )
    for task in Task.objects.filter(
        process__complaintprocess__complaint=complaint, owner=person, status=STATUS.ASSIGNED
    ):
        with task.activation() as activation:
            activation.unassign()
    audit_record(
        actor=user, kind=AuditKind.RECUSAL_ADDED, obj=recusal, changes={"user": [None, person.pk]}, note=reason
    )
    return recusal


@transaction.atomic
def recusal_lift(*, complaint: Complaint, user, recusal: Recusal, reason: str) -> None:
    """The coordinator lifts a recusal; the reason is kept in the audit log."""
    if not may(user, ComplaintRule.COORDINATE, complaint) or recusal.complaint_id != complaint.pk:
        raise PermissionDenied
    audit_record(
        actor=user, kind=AuditKind.RECUSAL_LIFTED, obj=recusal, changes={"user": [recusal.user_id, None]}, note=reason
    )
    recusal.delete()


def open_task(complaint: Complaint, node_name: str) -> Task | None:
    """The complaint's unfinished task at the flow node ``node_name``, if any."""
    tasks = Task.objects.filter(process__complaintprocess__complaint=complaint, finished__isnull=True).exclude(
        status=STATUS.CANCELED
    )
    return next((task for task in tasks.order_by("pk") if task.flow_task.name == node_name), None)
