"""Who reaches the assessment's staff pages: training records, you said we did, the annual assessment.

Each part adds its own rule here (a ``Grant`` tuple read through ``grants.reach_q``)."""

from django.apps import apps
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import scope_for
from accounts.models import Membership, Role

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
