"""District-wide rules: which areas exist for a person, and which districts, schools and agencies they reach."""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.access import scope_for
from accounts.models import Agency, District, Role, RosterAssignment, School

REVIEW_ROLES = (Role.COORDINATOR, Role.SCHOOL_ADMIN, Role.POLICE_REVIEWER)
DISTRICT_WIDE_ROLES = frozenset({Role.COORDINATOR, Role.ADVISORY, Role.FACILITATOR})


def may_review(user) -> bool:
    """Whether the complaint review area exists for ``user`` at all."""
    return scope_for(user).has_role(*REVIEW_ROLES)


def is_coordinator(user) -> bool:
    """Whether ``user`` coordinates any district (the coordinator's pages exist for them)."""
    return bool(scope_for(user).district_ids(Role.COORDINATOR))


def coordinated_district_ids(user) -> set[int]:
    """Districts where ``user`` is the coordinator; Http404 for anyone else."""
    districts = scope_for(user).district_ids(Role.COORDINATOR)
    if not districts:
        raise Http404
    return districts


def coordinated_districts(user) -> QuerySet[District]:
    """The coordinator's districts; Http404 for anyone else."""
    return District.objects.filter(pk__in=coordinated_district_ids(user)).order_by("name", "pk")


def get_district_for_coordinator(user, pk: int) -> District:
    """The district, or 404 unless ``user`` coordinates it."""
    return get_object_or_404(coordinated_districts(user), pk=pk)


def visible_schools(user) -> QuerySet[School]:
    """Schools whose records the user may open: district-wide roles every school
    of their district, school administrators their own school, police roles the
    schools their agency's officers are rostered at."""
    scope = scope_for(user)
    served = RosterAssignment.objects.filter(officer__agency_id__in=scope.agency_ids(Role.POLICE_REVIEWER, Role.SRO))
    return School.objects.filter(
        Q(district_id__in=scope.district_ids(*DISTRICT_WIDE_ROLES))
        | Q(pk__in=scope.school_ids(Role.SCHOOL_ADMIN))
        | Q(pk__in=served.values("school_id"))
    )


def visible_agencies(user) -> QuerySet[Agency]:
    """Agencies whose records the user may open: coordinators and the advisory
    team their district's partner agencies, police roles their own agency."""
    scope = scope_for(user)
    return Agency.objects.filter(
        Q(district_id__in=scope.district_ids(Role.COORDINATOR, Role.ADVISORY))
        | Q(pk__in=scope.agency_ids(Role.POLICE_REVIEWER, Role.SRO))
    )


def get_school_for_user(user, pk: int) -> School:
    """The school, or 404 when it is outside the user's scope."""
    return get_object_or_404(visible_schools(user), pk=pk)


def get_agency_for_user(user, pk: int) -> Agency:
    """The agency, or 404 when it is outside the user's scope."""
    return get_object_or_404(visible_agencies(user), pk=pk)
