"""Read-side queries for accounts pages. Each takes the viewing user."""

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from accounts.access import scope_for
from accounts.models import Agency, Membership, RosterAssignment, School
from accounts.rules import visible_agencies, visible_schools


def memberships_for(user) -> QuerySet[Membership]:
    """The user's own roles with their organisations, for the dashboard."""
    return Membership.objects.filter(user=user).select_related("district", "school", "agency").order_by("role")


def schools_for_dashboard(user) -> QuerySet[School]:
    return visible_schools(user).select_related("district").order_by("name")


def agencies_for_dashboard(user) -> QuerySet[Agency]:
    return visible_agencies(user).select_related("district").order_by("name")


def current_roster(school: School) -> QuerySet[RosterAssignment]:
    """Officers serving the school today."""
    return school.roster.on(timezone.localdate()).select_related("officer", "officer__agency")


def agency_with_roster(agency: Agency) -> Agency:
    """The agency with its officers and their current assignments loaded."""
    today = timezone.localdate()
    assignments = RosterAssignment.objects.on(today).select_related("school")
    officers = agency.officers.prefetch_related(Prefetch("assignments", queryset=assignments, to_attr="current"))
    agency.officers_with_schools = list(officers)
    return agency


def dashboard_roles(user) -> frozenset[str]:
    return scope_for(user).roles
