"""Django permission checks for the review workflow's tasks (viewflow asks
``user.has_perm(task_permission, obj=complaint)``), answered by accounts.rules."""

from accounts.rules import ComplaintRule, may

# The workflow's task permissions and the rule each one stands for.
TRIAGE = "complaints.triage"
SCHOOL_REVIEW = "complaints.school_review"
POLICE_REVIEW = "complaints.police_review"
OUTCOME = "complaints.outcome"
TASK_RULES = {
    TRIAGE: ComplaintRule.TRIAGE,
    SCHOOL_REVIEW: ComplaintRule.SCHOOL_REVIEW,
    POLICE_REVIEW: ComplaintRule.POLICE_REVIEW,
    OUTCOME: ComplaintRule.COORDINATE,
}


class RoleTaskBackend:
    """Answers only the workflow's task permissions; everything else is left to
    Django's ModelBackend."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None):
        if perm not in TASK_RULES or obj is None or not user.is_active:
            return False
        return may(user, TASK_RULES[perm], obj)
