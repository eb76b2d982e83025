"""Rules on complaints: who triages, reviews, sees and is mailed about each one, conflicts left out."""

from django.apps import apps
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import scope_for
from accounts.models import Membership, Role, User
from accounts.rules.grants import NOTHING, Grant, any_of, column_path, grant_q, reach_q

# --- Complaint routes (values of workflows.models.Route; kept as text so this
# module needs no import from above) -----------------------------------------
_SCHOOL_ROUTES = ["school", "both"]
_POLICE_ROUTES = ["police", "both"]
_AT_TRIAGE = Q(process__route="")


class ComplaintRule:
    """Names of the rules on complaints."""

    COORDINATE = "complaint.coordinate"  # triage, route, outcome, appeal, reassign, recusals, audit history
    TRIAGE = "complaint.triage"
    SCHOOL_SIDE = "complaint.school_side"  # see the case as the school review does
    POLICE_SIDE = "complaint.police_side"  # see the case as the police review does
    SCHOOL_REVIEW = "complaint.school_review"
    POLICE_REVIEW = "complaint.police_review"
    VIEW = "complaint.view"  # open the case page at all
    ALERT = "complaint.alert"  # emergency alerts (a real and immediate threat)


_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "school__district_id")
_ADMIN_TRIAGES = Grant(
    Role.SCHOOL_ADMIN, "school_id", "school_id", _AT_TRIAGE & Q(school__district__school_admins_triage=True)
)
_ADMIN_REVIEWS = Grant(Role.SCHOOL_ADMIN, "school_id", "school_id", Q(process__route__in=_SCHOOL_ROUTES))
# A school with no administrator: its school reviews fall to the district coordinator.
_COORDINATOR_HOLDS_SCHOOL_REVIEW = Grant(
    Role.COORDINATOR,
    "district_id",
    "school__district_id",
    Q(process__route__in=_SCHOOL_ROUTES) & ~Q(school__memberships__role=Role.SCHOOL_ADMIN),
)
# The named officer's agency; with no officer named, every partner agency of the district.
_POLICE_NAMED = Grant(Role.POLICE_REVIEWER, "agency_id", "officer__agency_id", Q(process__route__in=_POLICE_ROUTES))
_POLICE_UNNAMED = Grant(
    Role.POLICE_REVIEWER,
    "district_id",
    "school__district_id",
    Q(officer__isnull=True, process__route__in=_POLICE_ROUTES),
)

COMPLAINT_RULES: dict[str, tuple[Grant, ...]] = {
    ComplaintRule.COORDINATE: (_COORDINATOR,),
    ComplaintRule.TRIAGE: (_COORDINATOR, _ADMIN_TRIAGES),
    ComplaintRule.SCHOOL_SIDE: (_ADMIN_TRIAGES, _ADMIN_REVIEWS),
    ComplaintRule.POLICE_SIDE: (_POLICE_NAMED, _POLICE_UNNAMED),
    ComplaintRule.SCHOOL_REVIEW: (_ADMIN_REVIEWS, _COORDINATOR_HOLDS_SCHOOL_REVIEW),
    ComplaintRule.POLICE_REVIEW: (_POLICE_NAMED, _POLICE_UNNAMED),
    ComplaintRule.VIEW: (_COORDINATOR, _ADMIN_TRIAGES, _ADMIN_REVIEWS, _POLICE_NAMED, _POLICE_UNNAMED),
    ComplaintRule.ALERT: (
        _COORDINATOR,
        Grant(Role.POLICE_REVIEWER, "agency_id", "officer__agency_id"),
        Grant(Role.POLICE_REVIEWER, "district_id", "school__district_id", Q(officer__isnull=True)),
    ),
}


def _complaint_model():
    return apps.get_model("complaints", "Complaint")


def _conflicts(user) -> list[tuple[QuerySet, str]]:
    """The complaints ``user`` (an id or an ``OuterRef``) is in conflict with:
    the officer named, anyone recused, and, when no officer is named, every
    officer rostered at the school on the day it happened. Each entry is a
    queryset and the field holding the complaint's id."""
    complaints = _complaint_model().objects
    rostered = complaints.filter(
        Q(school__roster__ends_on__isnull=True) | Q(school__roster__ends_on__gte=F("occurred_on")),
        officer__isnull=True,
        school__roster__officer__user=user,
        school__roster__starts_on__lte=F("occurred_on"),
    )
    recused = apps.get_model("complaints", "Recusal").objects.filter(user=user)
    return [(complaints.filter(officer__user=user), "pk"), (recused, "complaint_id"), (rostered, "pk")]


def conflicted_complaint_ids(user) -> frozenset[int]:
    """The ids of every complaint ``user`` is in conflict with (``_conflicts``), read in one query."""
    first, *others = [c.order_by().values_list(field, flat=True) for c, field in _conflicts(user.pk)]
    # UNION ALL: the sets are tiny, and a deduplicating UNION sizes its hash table
    # by the planner's (wild) estimate, which costs milliseconds on a large table.
    return frozenset(first.union(*others, all=True))


def records_q(
    user,
    rule: str,
    *,
    prefix: str = "",
    columns: dict[str, str] | None = None,
    conflicted: frozenset[int] | None = None,
) -> Q:
    """The filter for complaints (or, with ``prefix``, rows that lead to one)
    that ``user`` reaches under ``rule``, conflicts left out.

    ``columns`` names, for rows that keep copies of some complaint fields,
    where each copy is (e.g. ``{"pk": "entry__complaint_id"}``); every other
    complaint field is reached under ``prefix``. ``conflicted``, when given, is
    ``conflicted_complaint_ids(user)`` read beforehand: the filter then names
    those ids instead of the three conflict subqueries, which lets the database
    estimate a long list (the queue) well. The rule is the same either way."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    columns = columns or {}
    scope = scope_for(user)
    reached = any_of(grant_q(scope, grant, prefix, columns) for grant in COMPLAINT_RULES[rule])
    if reached == NOTHING:
        return NOTHING  # no conflict to leave out of nothing
    conflict_path = column_path("pk__in", prefix, columns)
    if conflicted is not None:
        return reached & ~Q(**{conflict_path: sorted(conflicted)}) if conflicted else reached
    # Uncorrelated sets of the person's conflicted complaints: the database
    # reads each once (a hashed subplan), not once per row.
    for conflicted_set, field in _conflicts(user.pk):
        reached &= ~Q(**{conflict_path: conflicted_set.values(field)})
    return reached


def complaints_for(user, rule: str = ComplaintRule.VIEW) -> QuerySet:
    """Complaints ``user`` reaches under ``rule``."""
    return _complaint_model().objects.filter(records_q(user, rule))


def get_complaint_for_user(user, pk: int, rule: str = ComplaintRule.VIEW):
    """The complaint, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(complaints_for(user, rule).select_related("school", "officer", "officer__agency"), pk=pk)


def abilities(user, complaint) -> frozenset[str]:
    """Every complaint rule ``user`` holds on ``complaint``, read in one query."""
    flags = {rule: ExpressionWrapper(records_q(user, rule), output_field=BooleanField()) for rule in COMPLAINT_RULES}
    aliases = {f"r{i}": expr for i, expr in enumerate(flags.values())}
    row = _complaint_model().objects.filter(pk=complaint.pk).annotate(**aliases).values(*aliases).first() or {}
    return frozenset(rule for rule, alias in zip(flags, aliases, strict=True) if row.get(alias))


def may(user, rule: str, complaint) -> bool:
    """The object check: does ``user`` hold ``rule`` on ``complaint``?"""
    return _complaint_model().objects.filter(records_q(user, rule), pk=complaint.pk).exists()


def people_q(rule: str, complaint) -> Q:
    """The filter for users who hold ``rule`` on ``complaint`` (mail recipients),
    conflicts left out."""
    reached = Q(pk__in=[])
    for grant in COMPLAINT_RULES[rule]:
        matching = _complaint_model().objects.filter(grant.when, pk=complaint.pk, **{grant.path: OuterRef(grant.via)})
        memberships = Membership.objects.filter(user=OuterRef("pk"), role=grant.role).filter(Exists(matching))
        reached |= Exists(memberships)
    for conflicted, field in _conflicts(OuterRef("pk")):
        reached &= ~Exists(conflicted.filter(**{field: complaint.pk}))
    return reached & Q(is_active=True)


def people_for(rule: str, complaint) -> QuerySet[User]:
    """Active users holding ``rule`` on ``complaint``, never a conflicted one."""
    return User.objects.filter(people_q(rule, complaint)).order_by("pk")


# --- Officer history and early warning (workflows/review/officers.py) ---------
# A district's coordinators read its partner agencies' officers; an agency head
# (the police chief, the agency's supervisor) only their own agency's. Nobody
# reads their own history, and no other agency's officers.
OFFICER_HISTORY_GRANTS = (
    Grant(Role.COORDINATOR, "district_id", "agency__district_id"),
    Grant(Role.AGENCY_HEAD, "agency_id", "agency_id"),
)


def may_read_officer_history(user) -> bool:
    """Whether the officer history area exists for ``user`` at all."""
    return scope_for(user).has_role(*(grant.role for grant in OFFICER_HISTORY_GRANTS))


def officers_for(user) -> QuerySet:
    """Officers whose complaint history and early warnings ``user`` reads (never their own record)."""
    officers = apps.get_model("accounts", "Officer").objects.filter(reach_q(user, OFFICER_HISTORY_GRANTS))
    return officers.exclude(user=user) if getattr(user, "is_authenticated", False) else officers


def get_officer_for_user(user, pk: int):
    """The officer, or 404 when ``user`` may not read their history."""
    return get_object_or_404(officers_for(user).select_related("agency", "agency__district"), pk=pk)


def officer_history_readers(officer) -> QuerySet[User]:
    """Active users who read ``officer``'s history (who an early warning is mailed to), never the officer."""
    officers = apps.get_model("accounts", "Officer").objects.filter(pk=officer.pk)
    reached = Q(pk__in=[])
    for grant in OFFICER_HISTORY_GRANTS:
        matching = officers.filter(**{grant.path: OuterRef(grant.via)})
        reached |= Exists(Membership.objects.filter(user=OuterRef("pk"), role=grant.role).filter(Exists(matching)))
    readers = User.objects.filter(reached, is_active=True)
    return (readers.exclude(pk=officer.user_id) if officer.user_id else readers).order_by("pk")
