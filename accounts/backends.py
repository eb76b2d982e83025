"""Django permission checks for the review workflow's tasks, decided by role
memberships (viewflow asks ``user.has_perm(task_permission, obj=complaint)``)."""

from accounts.access import scope_for
from accounts.models import Role

# The workflow's task permissions and who holds them for a given complaint.
TRIAGE = "complaints.triage"
SCHOOL_REVIEW = "complaints.school_review"
POLICE_REVIEW = "complaints.police_review"
OUTCOME = "complaints.outcome"
TASK_PERMISSIONS = {TRIAGE, SCHOOL_REVIEW, POLICE_REVIEW, OUTCOME}


def is_conflicted(user, complaint) -> bool:
    """The officer named in the complaint, and anyone recused from it."""
    officer = complaint.officer
    if officer is not None and officer.user_id == user.pk:
        return True
    return complaint.recusals.filter(user_id=user.pk).exists()


def may_act(user, permission: str, complaint) -> bool:
    scope = scope_for(user)
    district_id = complaint.school.district_id
    if permission == TRIAGE:
        allowed = district_id in scope.district_ids(Role.COORDINATOR) or (
            complaint.school.district.school_admins_triage
            and complaint.school_id in scope.school_ids(Role.SCHOOL_ADMIN)
        )
    elif permission == OUTCOME:
        allowed = district_id in scope.district_ids(Role.COORDINATOR)
    elif permission == SCHOOL_REVIEW:
        allowed = complaint.school_id in scope.school_ids(Role.SCHOOL_ADMIN)
    elif permission == POLICE_REVIEW:
        agency_id = complaint.officer.agency_id if complaint.officer_id else None
        agencies = scope.agency_ids(Role.POLICE_REVIEWER)
        # With no officer named, any partner agency of the district may review.
        allowed = (
            agency_id in agencies
            if agency_id
            else bool(agencies & set(complaint.school.district.agencies.values_list("pk", flat=True)))
        )
    else:
        return False
    return allowed and not is_conflicted(user, complaint)


class RoleTaskBackend:
    """Answers only the workflow's task permissions; everything else is left to
    Django's ModelBackend."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user, perm, obj=None):
        if perm not in TASK_PERMISSIONS or obj is None or not user.is_active:
            return False
        return may_act(user, perm, obj)
