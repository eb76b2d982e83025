"""Who reaches the assessment's staff pages: training records, you said we did, the annual assessment.

Each part adds its own rule here (a ``Grant`` tuple read through ``grants.reach_q``)."""

from django.apps import apps
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import scope_for
from accounts.models import Membership, Role, School, User
from accounts.rules.grants import Grant, reach_q

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


# --- Training records -------------------------------------------------------------------------------------------
# Events (no attendees) are read by everyone of the assessment pages in their district; the district's coordinators
# manage them. Compliance names officers: the coordinator and the superintendent read their district's, the agency
# head their agency's officers, an SRO their own row.
_TRAINING_DISTRICT_READERS = (Role.COORDINATOR, Role.SUPERINTENDENT)


def training_district_ids(user) -> set[int]:
    """Districts whose training events ``user`` reads on the staff pages."""
    return scope_for(user).district_ids(*_ASSESSMENT_ROLES)


def training_managed_district_ids(user) -> set[int]:
    """Districts whose training records ``user`` manages (their coordinators)."""
    return scope_for(user).district_ids(Role.COORDINATOR)


def may_manage_training(user) -> bool:
    """Whether ``user`` manages some district's training records (the add and edit pages exist for them)."""
    return bool(training_managed_district_ids(user))


def training_compliance_district_ids(user) -> set[int]:
    """Districts where ``user`` reads some officer's training compliance."""
    return scope_for(user).district_ids(*_TRAINING_DISTRICT_READERS, Role.AGENCY_HEAD, Role.SRO)


def training_compliance_q(user, district_id: int) -> Q:
    """The officers (``accounts.Officer`` rows) whose compliance in ``district_id`` ``user`` reads."""
    scope = scope_for(user)
    if district_id in scope.district_ids(*_TRAINING_DISTRICT_READERS):
        return Q()
    agencies = {m[3] for m in scope.memberships if m[0] == Role.AGENCY_HEAD and m[1] == district_id}
    reached = Q(agency_id__in=sorted(agencies)) if agencies else Q(pk__in=[])
    if district_id in scope.district_ids(Role.SRO):
        reached |= Q(user=user, agency_id__in=sorted(scope.agency_ids(Role.SRO)))
    return reached


def training_attendee_users(district_id: int, roles) -> QuerySet:
    """Active people holding one of ``roles`` in ``district_id``: who may be marked present at its training."""
    user_model = apps.get_model("accounts", "User")
    holders = Membership.objects.filter(district_id=district_id, role__in=list(roles)).values("user_id")
    return user_model.objects.filter(pk__in=holders, is_active=True).order_by("full_name", "email")


def training_events_for(user) -> QuerySet:
    """The training events ``user`` reads on the staff pages."""
    model = apps.get_model("assessment", "TrainingEvent")
    return model.objects.filter(district_id__in=sorted(training_district_ids(user)))


def get_managed_training_event(user, pk: int):
    """The training event, or 404 unless ``user`` manages its district's training."""
    model = apps.get_model("assessment", "TrainingEvent")
    return get_object_or_404(model.objects.filter(district_id__in=sorted(training_managed_district_ids(user))), pk=pk)


# --- You said, we did -------------------------------------------------------------------------------------------
# Everyone of the assessment pages reads their district's entries (drafts included); its coordinators write them.
def commitments_for(user) -> QuerySet:
    """The commitments ``user`` reads on the staff pages."""
    model = apps.get_model("assessment", "Commitment")
    return model.objects.filter(district_id__in=sorted(training_district_ids(user)))


def commitment_district_ids(user) -> set[int]:
    """Districts whose "you said, we did" entries ``user`` writes (their coordinators)."""
    return scope_for(user).district_ids(Role.COORDINATOR)


def get_commitment_to_write(user, pk: int):
    """The commitment, or 404 unless ``user`` writes its district's entries."""
    model = apps.get_model("assessment", "Commitment")
    return get_object_or_404(model.objects.filter(district_id__in=sorted(commitment_district_ids(user))), pk=pk)


def release_district_ids(user) -> set[int]:
    """The districts whose published releases (and the differences between versions) ``user`` reads on the
    staff site: their coordinators and superintendent. The releases themselves are public on the dashboard."""
    return scope_for(user).district_ids(Role.COORDINATOR, Role.SUPERINTENDENT)


# --- The annual assessment (assessment.AnnualProcess, Criterion, Goal, WorkPlanTask) ---------------------------
class AnnualRule:
    """Names of the rules on a district's annual assessment."""

    READ = "annual.read"  # read the assessment, its evidence and (once both have scored) the scores
    MANAGE = "annual.manage"  # open a year, compile the evidence, reconcile, edit the rubric and the goals
    SCORE_DISTRICT = "annual.score_district"  # score the rubric for the district
    SCORE_AGENCY = "annual.score_agency"  # score the rubric for the agency
    ADVISE = "annual.advise"  # comment, recommend, sign off or dissent
    APPROVE_DISTRICT = "annual.approve_district"
    APPROVE_AGENCY = "annual.approve_agency"


def _district(role: str) -> Grant:
    # Agency memberships carry their agency's district too, so one path serves every role.
    return Grant(role, "district_id", "district_id")


ANNUAL_RULES: dict[str, tuple[Grant, ...]] = {
    AnnualRule.READ: tuple(
        _district(role)
        for role in (Role.COORDINATOR, Role.ADVISORY, Role.SUPERINTENDENT, Role.AGENCY_HEAD, Role.POLICE_REVIEWER)
    ),
    AnnualRule.MANAGE: (_district(Role.COORDINATOR),),
    AnnualRule.SCORE_DISTRICT: (_district(Role.COORDINATOR),),
    AnnualRule.SCORE_AGENCY: (_district(Role.AGENCY_HEAD), _district(Role.POLICE_REVIEWER)),
    AnnualRule.ADVISE: (_district(Role.ADVISORY),),
    AnnualRule.APPROVE_DISTRICT: (_district(Role.SUPERINTENDENT),),
    AnnualRule.APPROVE_AGENCY: (_district(Role.AGENCY_HEAD),),
}
# The rule a task of AnnualAssessmentFlow needs, by its node's name.
ANNUAL_TASK_RULES = {
    "district_score": AnnualRule.SCORE_DISTRICT,
    "agency_score": AnnualRule.SCORE_AGENCY,
    "reconcile": AnnualRule.MANAGE,
    "advisory_review": AnnualRule.ADVISE,
    "superintendent_approval": AnnualRule.APPROVE_DISTRICT,
    "agency_approval": AnnualRule.APPROVE_AGENCY,
}


def may_read_annual(user) -> bool:
    """Whether the annual assessment pages exist for ``user`` at all (404 otherwise)."""
    roles = {g.role for g in ANNUAL_RULES[AnnualRule.READ]}
    return getattr(user, "is_active", False) and scope_for(user).has_role(*roles)


def annual_for(user, rule: str = AnnualRule.READ) -> QuerySet:
    """Annual assessments ``user`` reaches under ``rule``."""
    return apps.get_model("assessment", "AnnualProcess").objects.filter(reach_q(user, ANNUAL_RULES[rule]))


def get_annual_for_user(user, pk: int, rule: str = AnnualRule.READ):
    """The assessment, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(annual_for(user, rule).select_related("district"), pk=pk)


def may_annual(user, rule: str, assessment) -> bool:
    return annual_for(user, rule).filter(pk=assessment.pk).exists()


def annual_rules_held(user, assessment) -> set[str]:
    """Every annual rule ``user`` holds on ``assessment`` (one membership read, no query per rule)."""
    scope = scope_for(user)
    held = set()
    for rule, grants in ANNUAL_RULES.items():
        if any(m[0] == g.role and m[1] == assessment.district_id for g in grants for m in scope.memberships):
            held.add(rule)
    return held if getattr(user, "is_active", False) else set()


def annual_districts_for(user, rule: str = AnnualRule.MANAGE) -> QuerySet:
    """Districts in which ``user`` holds ``rule`` (where they may open a year or edit the rubric)."""
    district_model = apps.get_model("accounts", "District")
    return district_model.objects.filter(_district_q(user, rule))


def _district_q(user, rule: str) -> Q:
    scope = scope_for(user)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    roles = {g.role for g in ANNUAL_RULES[rule]}
    return Q(pk__in=sorted(scope.district_ids(*roles)))


def annual_people(district, rule: str) -> QuerySet:
    """Active people who hold ``rule`` in ``district`` (who a reminder or an escalation mails)."""
    roles = [g.role for g in ANNUAL_RULES[rule]]
    members = Membership.objects.filter(role__in=roles, district=district).values("user_id")
    return User.objects.filter(is_active=True, pk__in=members).order_by("email")


# --- Principals' work plans --------------------------------------------------------------------------------
WORK_PLAN_EDIT = (
    Grant(Role.SCHOOL_ADMIN, "school_id", "school_id"),
    Grant(Role.COORDINATOR, "district_id", "school__district_id"),
)


def work_plan_tasks_for(user) -> QuerySet:
    """Work plan tasks ``user`` may read and edit: a school administrator their school's, a coordinator
    the district's."""
    return apps.get_model("assessment", "WorkPlanTask").objects.filter(reach_q(user, WORK_PLAN_EDIT))


def work_plan_schools_for(user) -> QuerySet:
    """Schools whose work plan ``user`` may edit."""
    scope = scope_for(user)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return School.objects.none()
    return School.objects.filter(
        Q(pk__in=sorted(scope.school_ids(Role.SCHOOL_ADMIN)))
        | Q(district_id__in=sorted(scope.district_ids(Role.COORDINATOR)))
    )
