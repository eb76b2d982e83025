"""What people do in an annual assessment's steps. Every function runs in one transaction, checks
that the person holds the step's rule (accounts.rules.assessment), drives the viewflow task, and
writes the audit log in that same transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.rules.assessment import ANNUAL_TASK_RULES, AnnualRule, annual_people, may_annual
from assessment.models import (
    AdvisoryNote,
    AdvisoryNoteKind,
    AgreedScore,
    AnnualProcess,
    Approval,
    Approver,
    Criterion,
    Score,
    Side,
    SignOff,
    Stage,
)
from core.audit import AuditKind, audit_record

OPEN = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)
SCORING_STEPS = {"district_score": Side.DISTRICT, "agency_score": Side.AGENCY}
APPROVAL_STEPS = {"superintendent_approval": Approver.SUPERINTENDENT, "agency_approval": Approver.AGENCY_HEAD}


def annual_open_tasks(assessment: AnnualProcess) -> list[Task]:
    """The assessment's open human tasks, in the order they were made."""
    tasks = Task.objects.filter(process=assessment, status__in=OPEN).order_by("pk").select_related("annual_due")
    return [task for task in tasks if task.flow_task.name in ANNUAL_TASK_RULES]


def annual_open_task(assessment: AnnualProcess, node_name: str) -> Task | None:
    """The assessment's open task at the node ``node_name``, if any."""
    return next((task for task in annual_open_tasks(assessment) if task.flow_task.name == node_name), None)


def _assessment(task: Task) -> AnnualProcess:
    return AnnualProcess.objects.select_related("district").get(pk=task.process_id)


def _check(task: Task, user, rule: str | None = None) -> AnnualProcess:
    """The task's assessment, if the task is open and ``user`` holds its step's rule (or ``rule``)."""
    assessment = _assessment(task)
    rule = rule or ANNUAL_TASK_RULES.get(task.flow_task.name)
    if rule is None or task.status not in OPEN or not may_annual(user, rule, assessment):
        raise PermissionDenied
    return assessment


def _finish(task: Task, user) -> None:
    """Claims the task for ``user`` if nobody has, completes it and lets the flow move on."""
    task = Task.objects.select_for_update().get(pk=task.pk)
    with task.activation() as activation:
        if task.status == STATUS.NEW:
            activation.assign(user)
        elif task.owner_id != user.pk:
            activation.reassign(user=user)
        activation.start(None)
        activation.execute()


def _set_stage(assessment: AnnualProcess, stage: str) -> None:
    AnnualProcess.objects.filter(pk=assessment.pk).update(stage=stage)
    assessment.stage = stage


def _criteria(assessment: AnnualProcess) -> dict[int, Criterion]:
    return {c.pk: c for c in assessment.scored_criteria()}


def _valid_scores(assessment: AnnualProcess, scores: dict[int, tuple[int, str]]) -> None:
    criteria = _criteria(assessment)
    if set(scores) != set(criteria):
        raise ValidationError(_("Score every criterion of the rubric."))
    levels = set(
        Criterion.objects.filter(pk__in=criteria).values_list("pk", "levels__score").exclude(levels__score=None)
    )
    if any((pk, score) not in levels for pk, (score, _note) in scores.items()):
        raise ValidationError(_("A score is not one of its criterion's levels."))


@transaction.atomic
def annual_scores_submit(*, task: Task, user, scores: dict[int, tuple[int, str]]) -> None:
    """One side's scores (criterion id -> (score, note)); the other side reads them only once both have scored."""
    assessment = _check(task, user)
    side = SCORING_STEPS[task.flow_task.name]
    _valid_scores(assessment, scores)
    for criterion_id, (score, note) in scores.items():
        Score.objects.update_or_create(
            assessment=assessment,
            criterion_id=criterion_id,
            side=side,
            defaults={"score": score, "note": note, "scored_by": user},
        )
    audit_record(actor=user, kind=AuditKind.ANNUAL_SCORED, obj=assessment, note=side)
    _finish(task, user)
    if not any(t.flow_task.name in SCORING_STEPS for t in annual_open_tasks(assessment)):
        _set_stage(assessment, Stage.RECONCILING)


@transaction.atomic
def annual_reconcile(*, task: Task, user, agreed: dict[int, tuple[int, str]]) -> None:
    """The agreed score and note of every criterion, after both sides' scores were compared."""
    assessment = _check(task, user)
    _valid_scores(assessment, agreed)
    for criterion_id, (score, note) in agreed.items():
        AgreedScore.objects.update_or_create(
            assessment=assessment, criterion_id=criterion_id, defaults={"score": score, "note": note, "agreed_by": user}
        )
    audit_record(actor=user, kind=AuditKind.ANNUAL_RECONCILED, obj=assessment)
    _finish(task, user)
    _set_stage(assessment, Stage.ADVISORY)


def _advisory_task(assessment: AnnualProcess, user) -> Task:
    task = annual_open_task(assessment, "advisory_review")
    if task is None:
        raise PermissionDenied
    _check(task, user, AnnualRule.ADVISE)
    return task


@transaction.atomic
def annual_note_add(*, assessment: AnnualProcess, user, kind: str, body: str) -> AdvisoryNote:
    """An advisory member's comment or recommendation, while the advisory review is open."""
    _advisory_task(assessment, user)
    if kind not in AdvisoryNoteKind.values or not body.strip():
        raise ValidationError(_("Write the comment or recommendation."))
    note = AdvisoryNote.objects.create(assessment=assessment, kind=kind, body=body.strip(), author=user)
    audit_record(actor=user, kind=AuditKind.ANNUAL_NOTE_ADDED, obj=note, note=kind)
    return note


@transaction.atomic
def annual_sign_off(*, assessment: AnnualProcess, user, agrees: bool, reason: str = "") -> SignOff:
    """An advisory member signs off, or dissents with a reason. When every advisory member of the
    district has answered, the review step is done and the approvals open."""
    task = _advisory_task(assessment, user)
    if not agrees and not reason.strip():
        raise ValidationError({"reason": _("Say why you dissent.")})
    sign_off, _created = SignOff.objects.update_or_create(
        assessment=assessment, member=user, defaults={"agrees": agrees, "reason": "" if agrees else reason.strip()}
    )
    audit_record(actor=user, kind=AuditKind.ANNUAL_SIGNED_OFF, obj=sign_off, note="agrees" if agrees else "dissent")
    members = set(annual_people(assessment.district, AnnualRule.ADVISE).values_list("pk", flat=True))
    if members <= set(assessment.sign_offs.values_list("member_id", flat=True)):
        _finish(task, user)
        _set_stage(assessment, Stage.APPROVAL)
    return sign_off


@transaction.atomic
def annual_advisory_close(*, task: Task, user) -> None:
    """The coordinator ends the advisory review before every member answered (someone left the team,
    the deadline passed); at least one member must have answered, unless the district has no advisory team."""
    assessment = _check(task, user, AnnualRule.MANAGE)
    has_team = annual_people(assessment.district, AnnualRule.ADVISE).exists()
    if has_team and not assessment.sign_offs.exists():
        raise ValidationError(_("No advisory team member has signed off or dissented yet."))
    audit_record(actor=user, kind=AuditKind.ANNUAL_SIGNED_OFF, obj=assessment, note="review closed")
    _finish(task, user)
    _set_stage(assessment, Stage.APPROVAL)


@transaction.atomic
def annual_approve(*, task: Task, user, note: str = "") -> None:
    """The superintendent's or the agency head's approval; the second one publishes the assessment."""
    assessment = _check(task, user)
    approval = Approval.objects.create(
        assessment=assessment, approver=APPROVAL_STEPS[task.flow_task.name], by=user, note=note.strip()
    )
    audit_record(actor=user, kind=AuditKind.ANNUAL_APPROVED, obj=assessment, note=approval.approver)
    _finish(task, user)
