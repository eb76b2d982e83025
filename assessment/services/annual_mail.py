"""Staff mail about the annual assessment: a step due soon (to whoever may do it) and a step
overdue (to the district's coordinators). Recipients come from accounts.rules.assessment."""

from django.urls import reverse
from django.utils import translation

from accounts.rules.assessment import ANNUAL_TASK_RULES, AnnualRule, annual_people
from notifications.services import email_enqueue


def _context(assessment, task, language: str) -> dict:
    with translation.override(language):
        step = str(task.flow_task.task_title)  # the node's own title: no import of the flow
    return {
        "year": assessment.year_label,
        "step": step,
        "assessment_path": reverse("staff:assessment:annual", args=[assessment.pk]),
    }


def _send(template: str, *, assessment, task, users, key: str, **extra) -> int:
    for user in users:
        email_enqueue(
            template=template,
            to=user.email,
            language=user.preferred_language,
            context={**_context(assessment, task, user.preferred_language), **extra},
            key=f"{key}-{user.pk}",
            user=user,
            district=assessment.district,
        )
    return len(users)


def overdue_told(*, assessment, task) -> int:
    """Tells the district's coordinators that ``task`` is past its due date; returns how many were mailed."""
    users = list(annual_people(assessment.district, AnnualRule.MANAGE))
    return _send("annual_task_overdue", assessment=assessment, task=task, users=users, key=f"annual-overdue-{task.pk}")


def due_soon_told(*, assessment, task, due) -> int:
    """Tells everyone who may do ``task`` that it is due on ``due``; returns how many were mailed."""
    users = list(annual_people(assessment.district, ANNUAL_TASK_RULES[task.flow_task.name]))
    return _send(
        "annual_task_due_soon",
        assessment=assessment,
        task=task,
        users=users,
        key=f"annual-due-soon-{task.pk}",
        due=due.isoformat(),
    )
