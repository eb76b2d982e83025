"""Saving the year's goals and the principals' work plan tasks, audited."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.rules.assessment import AnnualRule, annual_districts_for, work_plan_schools_for
from assessment.models import Goal, WorkPlanTask
from core.audit import AuditKind, audit_record


@transaction.atomic
def goal_save(*, goal: Goal, user) -> Goal:
    """Saves a new or changed goal; only a coordinator of its district may."""
    if not annual_districts_for(user, AnnualRule.MANAGE).filter(pk=goal.district_id).exists():
        raise PermissionDenied
    created = goal.pk is None
    goal.save()
    audit_record(actor=user, kind=AuditKind.GOAL_CHANGED, obj=goal, note="added" if created else "")
    return goal


@transaction.atomic
def work_plan_task_save(*, task: WorkPlanTask, user) -> WorkPlanTask:
    """Saves a new or changed work plan task; only its school's administrator or a district coordinator may."""
    if not work_plan_schools_for(user).filter(pk=task.school_id).exists():
        raise PermissionDenied
    created = task.pk is None
    task.updated_by = user
    task.save()
    audit_record(
        actor=user,
        kind=AuditKind.WORK_PLAN_CHANGED,
        obj=task,
        changes={"done": [None, task.done]},
        note="added" if created else "",
    )
    return task
