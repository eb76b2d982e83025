"""The annual assessment's steps waiting for a person, for the staff home page (workflows.waiting)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.rules.assessment import ANNUAL_TASK_RULES, annual_for, may_read_annual
from assessment.flows import AnnualAssessmentFlow
from workflows.waiting import Waiting, open_step_counts

STEPS = tuple(getattr(AnnualAssessmentFlow, name) for name in ANNUAL_TASK_RULES)


def annual_waiting(user) -> Waiting | None:
    """Per step, the open annual assessment steps ``user`` may do (accounts.rules.ANNUAL_TASK_RULES)."""
    if not may_read_annual(user):
        return None
    return Waiting(
        area=AnnualAssessmentFlow.process_title,
        url=reverse("staff:assessment:annual_list"),
        link=_("Open the annual assessments"),
        steps=open_step_counts((node, annual_for(user, ANNUAL_TASK_RULES[node.name])) for node in STEPS),
    )
