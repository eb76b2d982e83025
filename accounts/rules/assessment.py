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


def release_district_ids(user) -> set[int]:
    """The districts whose published releases (and the differences between versions) ``user`` reads on the
    staff site: their coordinators and superintendent. The releases themselves are public on the dashboard."""
    return scope_for(user).district_ids(Role.COORDINATOR, Role.SUPERINTENDENT)
