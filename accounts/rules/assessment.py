"""Who reaches the assessment's staff pages: training records, you said we did, the annual assessment.

Each part adds its own rule here (a ``Grant`` tuple read through ``grants.reach_q``)."""

from accounts.access import scope_for
from accounts.models import Role

_ASSESSMENT_ROLES = (
    Role.COORDINATOR,
    Role.ADVISORY,
    Role.SUPERINTENDENT,
    Role.AGENCY_HEAD,
    Role.SCHOOL_ADMIN,
    Role.SRO,
    Role.POLICE_REVIEWER,
)


def may_use_assessment(user) -> bool:
    """Whether the staff assessment pages exist for ``user`` at all (404 otherwise)."""
    return scope_for(user).has_role(*_ASSESSMENT_ROLES)
