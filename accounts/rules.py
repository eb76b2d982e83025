"""Every access rule of the project, written once.

A rule says which role memberships reach which records. Each rule is a tuple
of ``Grant`` rows; from the same rows this module derives

* the queryset filter for one person (``records_q``: what they may see or act on),
* the object check (``may``, ``abilities``: one query for one record),
* the people a record concerns (``people_q``: who may be mailed about it),

and every one of them leaves out people in conflict with the record
(``_conflicts``). Everything runs in the database; nothing loops in Python.

Rules name fields by path, so this module imports no app above ``accounts``.
Views, selectors, viewflow's ``.Permission`` (through ``RoleTaskBackend``) and
notification code ask here; none of them read ``Membership`` rows themselves.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.access import Scope, scope_for
from accounts.models import Agency, District, Membership, Role, RosterAssignment, School, User


@dataclass(frozen=True)
class Grant:
    """Holders of ``role`` reach a record when their membership's ``via`` field
    equals the record's ``path`` and the record matches ``when``."""

    role: str
    via: str
    path: str
    when: Q = Q()


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


def _grant_q(scope: Scope, grant: Grant, prefix: str, columns: dict[str, str] | None = None) -> Q:
    values = {
        {"district_id": m[1], "school_id": m[2], "agency_id": m[3]}[grant.via]
        for m in scope.memberships
        if m[0] == grant.role
    } - {None}
    if not values:
        return Q(pk__in=[])
    path = _column(f"{grant.path}__in", prefix, columns or {})
    return Q(**{path: sorted(values)}) & _prefixed(grant.when, prefix, columns)


def _column(lookup: str, prefix: str, columns: dict[str, str]) -> str:
    """``lookup`` (a complaint field path) on the rows filtered: the longest
    leading part found in ``columns`` is replaced, anything else goes under ``prefix``."""
    parts = lookup.split("__")
    for end in range(len(parts), 0, -1):
        head = "__".join(parts[:end])
        if head in columns:
            return "__".join([columns[head], *parts[end:]])
    return f"{prefix}{lookup}"


def _prefixed(q: Q, prefix: str, columns: dict[str, str] | None = None) -> Q:
    """``q`` with every field path under ``prefix`` (for tasks: the process's complaint)."""
    if not prefix and not columns:
        return q
    children = [
        _prefixed(child, prefix, columns)
        if isinstance(child, Q)
        else (_column(child[0], prefix, columns or {}), child[1])
        for child in q.children
    ]
    return Q(*children, _connector=q.connector, _negated=q.negated)


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
        return Q(pk__in=[])
    columns = columns or {}
    scope = scope_for(user)
    reached = Q(pk__in=[])
    for grant in COMPLAINT_RULES[rule]:
        reached |= _grant_q(scope, grant, prefix, columns)
    conflict_path = _column("pk__in", prefix, columns)
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


# --- District-wide rules ------------------------------------------------------
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


# --- Surveys ------------------------------------------------------------------
class SurveyRule:
    """Names of the rules on surveys (``surveys.Survey``)."""

    AUTHOR = "survey.author"  # build, publish, invite, print codes, enter paper forms, review comments
    RESULTS = "survey.results"  # read results at all (of some schools at least)
    DISTRICT_RESULTS = "survey.district_results"  # read results of every school and the district as a whole
    COMMENTS = "survey.comments"  # read reviewed free-text answers


_SURVEY_SHARED = Q(results_shared_at__isnull=False)
_SURVEY_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "district_id")
_SURVEY_ADVISORY = Grant(Role.ADVISORY, "district_id", "district_id", Q(published_at__isnull=False))
_SURVEY_POLICE = tuple(
    Grant(role, "district_id", "district_id", _SURVEY_SHARED) for role in (Role.POLICE_REVIEWER, Role.SRO)
)
# A school administrator reads the results of their own school only.
_SURVEY_SCHOOL_ADMIN = Grant(Role.SCHOOL_ADMIN, "school_id", "schools__id", Q(published_at__isnull=False))

SURVEY_RULES: dict[str, tuple[Grant, ...]] = {
    SurveyRule.AUTHOR: (_SURVEY_COORDINATOR,),
    SurveyRule.RESULTS: (_SURVEY_COORDINATOR, _SURVEY_ADVISORY, _SURVEY_SCHOOL_ADMIN, *_SURVEY_POLICE),
    SurveyRule.DISTRICT_RESULTS: (_SURVEY_COORDINATOR, _SURVEY_ADVISORY, *_SURVEY_POLICE),
    SurveyRule.COMMENTS: (_SURVEY_COORDINATOR, _SURVEY_ADVISORY),
}


def survey_q(user, rule: str) -> Q:
    """The filter for surveys ``user`` reaches under ``rule``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    scope = scope_for(user)
    reached = Q(pk__in=[])
    for grant in SURVEY_RULES[rule]:
        reached |= _grant_q(scope, grant, "")
    return reached


def surveys_for(user, rule: str = SurveyRule.RESULTS) -> QuerySet:
    """Surveys ``user`` reaches under ``rule`` (each once)."""
    survey_model = apps.get_model("surveys", "Survey")
    return survey_model.objects.filter(pk__in=survey_model.objects.filter(survey_q(user, rule)).values("pk"))


def get_survey_for_user(user, pk: int, rule: str = SurveyRule.RESULTS):
    """The survey, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(surveys_for(user, rule).select_related("district"), pk=pk)


def survey_result_school_ids(user, survey) -> set[int] | None:
    """Whose results ``user`` may read on ``survey``: ``None`` for every school
    and the district as a whole, else the ids of their own schools (empty:
    none)."""
    if surveys_for(user, SurveyRule.DISTRICT_RESULTS).filter(pk=survey.pk).exists():
        return None
    own = scope_for(user).school_ids(Role.SCHOOL_ADMIN)
    if survey.published_at is None:
        return set()
    return set(survey.schools.filter(pk__in=own).values_list("pk", flat=True))


_SURVEY_ROLES = (Role.COORDINATOR, Role.ADVISORY, Role.SCHOOL_ADMIN, Role.POLICE_REVIEWER, Role.SRO)


def may_use_surveys(user) -> bool:
    """Whether the staff survey pages exist for ``user`` at all (what they may
    open there is decided per survey)."""
    return scope_for(user).has_role(*_SURVEY_ROLES)


# --- Dialogue sessions ----------------------------------------------------------
class SessionRule:
    """Names of the rules on dialogue sessions (``feedback.Session``)."""

    MANAGE = "session.manage"  # create, change, cancel; review what was heard; the theme list
    RUN = "session.run"  # open the roster, check in, add walk-ins, record consent, add what was heard
    CONTACTS = "session.contacts"  # read registrants' names, contact details and needs
    HEARD = "session.heard"  # read what was heard once the coordinator approved it


_SESSION_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "district_id")
# A facilitator reaches only the sessions they are assigned to (``_ASSIGNED_ROLES``, added per person below).
_SESSION_FACILITATOR = Grant(Role.FACILITATOR, "district_id", "district_id")
_ASSIGNED_ROLES = frozenset({Role.FACILITATOR})

# Police roles appear in no rule: they never read who registered.
SESSION_RULES: dict[str, tuple[Grant, ...]] = {
    SessionRule.MANAGE: (_SESSION_COORDINATOR,),
    SessionRule.RUN: (_SESSION_COORDINATOR, _SESSION_FACILITATOR),
    SessionRule.CONTACTS: (_SESSION_COORDINATOR, _SESSION_FACILITATOR),
    SessionRule.HEARD: (_SESSION_COORDINATOR, Grant(Role.ADVISORY, "district_id", "district_id")),
}


def session_q(user, rule: str) -> Q:
    """The filter for sessions ``user`` reaches under ``rule``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    scope = scope_for(user)
    reached = Q(pk__in=[])
    for grant in SESSION_RULES[rule]:
        granted = _grant_q(scope, grant, "")
        if grant.role in _ASSIGNED_ROLES:
            granted &= Q(facilitators=user)
        reached |= granted
    return reached


def sessions_for(user, rule: str = SessionRule.RUN) -> QuerySet:
    """Sessions ``user`` reaches under ``rule`` (each once)."""
    session_model = apps.get_model("feedback", "Session")
    return session_model.objects.filter(pk__in=session_model.objects.filter(session_q(user, rule)).values("pk"))


def get_session_for_user(user, pk: int, rule: str = SessionRule.RUN):
    """The session, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(sessions_for(user, rule).select_related("district"), pk=pk)


def may_session(user, rule: str, session) -> bool:
    """Whether ``user`` may act on ``session`` under ``rule`` (one query)."""
    return sessions_for(user, rule).filter(pk=session.pk).exists()


def may_run_sessions(user) -> bool:
    """Whether the staff session pages exist for ``user`` at all."""
    return scope_for(user).has_role(Role.COORDINATOR, Role.FACILITATOR, Role.ADVISORY)


def session_facilitator_choices(district) -> QuerySet[User]:
    """People who hold the facilitator role in ``district`` (who may be assigned to its sessions)."""
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(role=Role.FACILITATOR, district=district).values("user_id"),
    ).order_by("email")


# --- MOU partner feedback (feedback.PartnerRound) ------------------------------


class PartnerRule:
    """Names of the rules on MOU partner feedback rounds (``feedback.PartnerRound``)."""

    MANAGE = "partner.manage"  # open a round; read the raw concerns and answer them in writing
    RESULTS = "partner.results"  # read a round's results (ratings; SRO comments; never school staff's comments)


_PARTNER_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "district_id")
PARTNER_RULES: dict[str, tuple[Grant, ...]] = {
    PartnerRule.MANAGE: (_PARTNER_COORDINATOR,),
    PartnerRule.RESULTS: (
        _PARTNER_COORDINATOR,
        Grant(Role.ADVISORY, "district_id", "district_id"),
        # The agency's supervisor: a police reviewer of an agency of the round's district.
        Grant(Role.POLICE_REVIEWER, "district_id", "district_id"),
    ),
}


def partner_rounds_for(user, rule: str = PartnerRule.RESULTS) -> QuerySet:
    """Partner feedback rounds ``user`` reaches under ``rule``."""
    round_model = apps.get_model("feedback", "PartnerRound")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return round_model.objects.none()
    scope = scope_for(user)
    reached = Q(pk__in=[])
    for grant in PARTNER_RULES[rule]:
        reached |= _grant_q(scope, grant, "")
    return round_model.objects.filter(reached)


def get_partner_round_for_user(user, pk: int, rule: str = PartnerRule.RESULTS):
    """The round, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(partner_rounds_for(user, rule).select_related("district"), pk=pk)


def may_partner(user, rule: str, partner_round) -> bool:
    return partner_rounds_for(user, rule).filter(pk=partner_round.pk).exists()


def may_read_partner_feedback(user) -> bool:
    """Whether the staff partner feedback pages exist for ``user`` at all."""
    return scope_for(user).has_role(Role.COORDINATOR, Role.ADVISORY, Role.POLICE_REVIEWER)


def partner_sro_emails_for(user, district) -> set[str] | None:
    """Whose attributed SRO answers ``user`` reads in ``district``: ``None``
    for every SRO (coordinators, advisory team), else the addresses of the SROs
    of the agencies where ``user`` is a police reviewer."""
    scope = scope_for(user)
    if district.pk in scope.district_ids(Role.COORDINATOR, Role.ADVISORY):
        return None
    agencies = scope.agency_ids(Role.POLICE_REVIEWER)
    return set(Membership.objects.filter(role=Role.SRO, agency_id__in=agencies).values_list("user__email", flat=True))


def partner_invitees(district) -> tuple[list[tuple[User, int | None]], list[tuple[User, int]]]:
    """Who a round invites: (SROs of the district's agencies with the school
    they are rostered at today, or None), (school administrators with their school)."""
    sros = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(role=Role.SRO, agency__district=district).values("user_id"),
    ).order_by("email")
    rostered = dict(
        RosterAssignment.objects.filter(officer__user__in=sros, school__district=district)
        .order_by("starts_on")
        .values_list("officer__user_id", "school_id")
    )
    admins = (
        Membership.objects.filter(role=Role.SCHOOL_ADMIN, school__district=district, user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    )
    return [(sro, rostered.get(sro.pk)) for sro in sros], [(m.user, m.school_id) for m in admins]


# --- SRO activity records ---------------------------------------------------------
class ActivityRule:
    """Names of the rules on SRO records (``activity.EnforcementEvent``, ``activity.OutreachActivity``)."""

    VIEW = "activity.view"  # list, open, export
    DEMOGRAPHICS = "activity.demographics"  # read the student's demographics on an event


# An SRO reaches only their own records (``_OWN_ROLES``, added per person below).
_ACTIVITY_SRO = Grant(Role.SRO, "agency_id", "agency_id")
_ACTIVITY_SCHOOL_ADMIN = Grant(Role.SCHOOL_ADMIN, "school_id", "school_id")
_ACTIVITY_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "school__district_id")
_OWN_ROLES = frozenset({Role.SRO})

# Police reviewers read their agency's records, never the students' demographics.
ACTIVITY_RULES: dict[str, tuple[Grant, ...]] = {
    ActivityRule.VIEW: (
        _ACTIVITY_SRO,
        _ACTIVITY_SCHOOL_ADMIN,
        _ACTIVITY_COORDINATOR,
        Grant(Role.POLICE_REVIEWER, "agency_id", "agency_id"),
    ),
    ActivityRule.DEMOGRAPHICS: (_ACTIVITY_SRO, _ACTIVITY_SCHOOL_ADMIN, _ACTIVITY_COORDINATOR),
}
_ACTIVITY_ROLES = (Role.SRO, Role.SCHOOL_ADMIN, Role.COORDINATOR, Role.POLICE_REVIEWER)


def activity_q(user, rule: str) -> Q:
    """The filter for SRO records ``user`` reaches under ``rule``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    scope = scope_for(user)
    reached = Q(pk__in=[])
    for grant in ACTIVITY_RULES[rule]:
        granted = _grant_q(scope, grant, "")
        if grant.role in _OWN_ROLES:
            granted &= Q(officer__user=user)
        reached |= granted
    return reached


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
    return scope_for(user).has_role(Role.SRO, Role.SCHOOL_ADMIN, Role.COORDINATOR)


def logging_officer(user):
    """The officer record of an SRO who may log their own activity, or None."""
    scope = scope_for(user)
    agencies = scope.agency_ids(Role.SRO)
    if not agencies:
        return None
    officer_model = apps.get_model("accounts", "Officer")
    return officer_model.objects.filter(user=user, agency_id__in=sorted(agencies)).select_related("agency").first()
