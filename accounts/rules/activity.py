"""Rules on SRO activity records (``activity``)."""

from django.apps import apps
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import scope_for
from accounts.models import Role
from accounts.rules.grants import NOTHING, Grant, any_of, grant_q, reach_q


class ActivityRule:
    """Names of the rules on SRO records (``activity.EnforcementEvent``, ``activity.OutreachActivity``)."""

    VIEW = "activity.view"  # list, open, export
    DEMOGRAPHICS = "activity.demographics"  # read the student's demographics on an event
    IMPORT = "activity.import"  # import an agency's files, read its imports, mapping and coverage


# An SRO reaches only their own records (``_OWN_ROLES``, added per person below).
_ACTIVITY_SRO = Grant(Role.SRO, "agency_id", "agency_id")
_ACTIVITY_SCHOOL_ADMIN = Grant(Role.SCHOOL_ADMIN, "school_id", "school_id")
_ACTIVITY_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "school__district_id")
_ACTIVITY_SUPERINTENDENT = Grant(Role.SUPERINTENDENT, "district_id", "school__district_id")
_OWN_ROLES = frozenset({Role.SRO})

# Police reviewers and the agency's head read their agency's records, never the students' demographics; the
# superintendent reads the district's like its coordinators (the rates and risk ratios are theirs to answer for).
ACTIVITY_RULES: dict[str, tuple[Grant, ...]] = {
    ActivityRule.VIEW: (
        _ACTIVITY_SRO,
        _ACTIVITY_SCHOOL_ADMIN,
        _ACTIVITY_COORDINATOR,
        _ACTIVITY_SUPERINTENDENT,
        Grant(Role.POLICE_REVIEWER, "agency_id", "agency_id"),
        Grant(Role.AGENCY_HEAD, "agency_id", "agency_id"),
    ),
    ActivityRule.DEMOGRAPHICS: (_ACTIVITY_SRO, _ACTIVITY_SCHOOL_ADMIN, _ACTIVITY_COORDINATOR, _ACTIVITY_SUPERINTENDENT),
    # The district's coordinators and the agency's head (the chief) import the agency's records. Police
    # reviewers do not: an import file carries student demographics, which their rule leaves out.
    ActivityRule.IMPORT: (
        _ACTIVITY_COORDINATOR,
        Grant(Role.AGENCY_HEAD, "agency_id", "agency_id"),
    ),
}
# The same grants read on a row that has an ``agency`` (imports, mappings) or on the agency itself.
_IMPORT_ROW_COLUMNS = {"school__district_id": "agency__district_id"}
_IMPORT_AGENCY_COLUMNS = {"school__district_id": "district_id", "agency_id": "pk"}
_ACTIVITY_ROLES = (
    Role.SRO,
    Role.SCHOOL_ADMIN,
    Role.COORDINATOR,
    Role.POLICE_REVIEWER,
    Role.SUPERINTENDENT,
    Role.AGENCY_HEAD,
)


def activity_q(user, rule: str) -> Q:
    """The filter for SRO records ``user`` reaches under ``rule``."""
    # An SRO reaches only their own records.
    return reach_q(user, ACTIVITY_RULES[rule], narrow={role: Q(officer__user=user) for role in _OWN_ROLES})


def activity_records_for(user, model: str = "EnforcementEvent", rule: str = ActivityRule.VIEW) -> QuerySet:
    """The records of ``model`` (an activity model's name) ``user`` reaches under ``rule``."""
    return apps.get_model("activity", model).objects.filter(activity_q(user, rule))


def get_activity_record_for_user(user, pk: int, model: str = "EnforcementEvent", rule: str = ActivityRule.VIEW):
    """The record, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(activity_records_for(user, model, rule), pk=pk)


def may_use_activity(user) -> bool:
    """Whether the staff activity pages exist for ``user`` at all (404 otherwise)."""
    return scope_for(user).has_role(*_ACTIVITY_ROLES)


def activity_demographics_shown(user) -> bool:
    """Whether ``user`` reads demographics on some records (the columns exist for them)."""
    return scope_for(user).has_role(Role.SRO, Role.SCHOOL_ADMIN, Role.COORDINATOR, Role.SUPERINTENDENT)


def logging_officer(user):
    """The officer record of an SRO who may log their own activity, or None."""
    scope = scope_for(user)
    agencies = scope.agency_ids(Role.SRO)
    if not agencies:
        return None
    officer_model = apps.get_model("accounts", "Officer")
    return officer_model.objects.filter(user=user, agency_id__in=sorted(agencies)).select_related("agency").first()


def _import_q(user, columns: dict[str, str]) -> Q:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    scope = scope_for(user)
    return any_of(grant_q(scope, grant, "", columns) for grant in ACTIVITY_RULES[ActivityRule.IMPORT])


def import_agencies_for(user) -> QuerySet:
    """The agencies whose records ``user`` may import (``ActivityRule.IMPORT``)."""
    return apps.get_model("accounts", "Agency").objects.filter(_import_q(user, _IMPORT_AGENCY_COLUMNS))


def import_rows_for(user, model: str = "ImportBatch") -> QuerySet:
    """Imports (or, with ``model="ImportMapping"``, mappings) of the agencies ``user`` may import for."""
    return apps.get_model("activity", model).objects.filter(_import_q(user, _IMPORT_ROW_COLUMNS))


def may_import_activity(user) -> bool:
    """Whether the import pages exist for ``user`` at all (404 otherwise)."""
    return import_agencies_for(user).exists()
