"""The one place that decides what a signed-in person may see.

Views and selectors ask this module; none of them read ``Membership`` rows
themselves. Anything outside a person's scope is answered with 404, so a
record's existence is never revealed to someone who may not see it.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import STAFF_ROLES, Agency, Membership, Role, RosterAssignment, School

DISTRICT_WIDE_ROLES = frozenset({Role.COORDINATOR, Role.ADVISORY, Role.FACILITATOR})


@dataclass(frozen=True)
class Scope:
    """The roles a user holds and the organisations each role reaches."""

    memberships: tuple[tuple[str, int, int | None, int | None], ...]  # (role, district, school, agency)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(m[0] for m in self.memberships)

    def has_role(self, *roles: str) -> bool:
        return any(m[0] in roles for m in self.memberships)

    def district_ids(self, *roles: str) -> set[int]:
        return {m[1] for m in self.memberships if m[0] in roles}

    def school_ids(self, *roles: str) -> set[int]:
        return {m[2] for m in self.memberships if m[0] in roles and m[2]}

    def agency_ids(self, *roles: str) -> set[int]:
        return {m[3] for m in self.memberships if m[0] in roles and m[3]}

    @property
    def is_program_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)


_EMPTY = Scope(memberships=())


def scope_for(user) -> Scope:
    """The user's scope, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return _EMPTY
    cached = getattr(user, "_common_ground_scope", None)
    if cached is None:
        rows = Membership.objects.filter(user=user).values_list("role", "district_id", "school_id", "agency_id")
        cached = Scope(memberships=tuple(rows))
        user._common_ground_scope = cached
    return cached


def is_program_staff(user) -> bool:
    return scope_for(user).is_program_staff


def visible_schools(user) -> QuerySet[School]:
    """Schools whose records the user may open.

    District-wide roles see every school of their district, school
    administrators their own school, police roles the schools their agency's
    officers are rostered at.
    """
    scope = scope_for(user)
    districts = scope.district_ids(*DISTRICT_WIDE_ROLES)
    schools = scope.school_ids(Role.SCHOOL_ADMIN)
    agencies = scope.agency_ids(Role.POLICE_REVIEWER, Role.SRO)
    served = RosterAssignment.objects.filter(officer__agency_id__in=agencies).values("school_id")
    return (
        School.objects.filter(district_id__in=districts)
        | School.objects.filter(pk__in=schools)
        | (School.objects.filter(pk__in=served))
    )


def visible_agencies(user) -> QuerySet[Agency]:
    """Agencies whose records the user may open: district-wide staff see their
    district's partner agencies, police roles their own agency."""
    scope = scope_for(user)
    districts = scope.district_ids(Role.COORDINATOR, Role.ADVISORY)
    agencies = scope.agency_ids(Role.POLICE_REVIEWER, Role.SRO)
    return Agency.objects.filter(district_id__in=districts) | Agency.objects.filter(pk__in=agencies)


def get_school_for_user(user, pk: int) -> School:
    """The school, or 404 when it is outside the user's scope."""
    return get_object_or_404(visible_schools(user).distinct(), pk=pk)


def get_agency_for_user(user, pk: int) -> Agency:
    """The agency, or 404 when it is outside the user's scope."""
    return get_object_or_404(visible_agencies(user).distinct(), pk=pk)
