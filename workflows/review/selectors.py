"""What a staff member may see of complaints under review. Who reaches what is
decided in accounts.rules; this module only shapes the querysets pages need."""

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.access import scope_for
from accounts.models import STAFF_ROLES, Role, School, User
from accounts.rules import ComplaintRule, abilities, get_complaint_for_user
from complaints.models import Appeal, Audience, Complaint, Finding, ReviewKind
from core.models import AuditEvent

OPEN = [STATUS.NEW, STATUS.ASSIGNED]


def case_for(user, complaint_id: int) -> Complaint:
    """The complaint, or 404 when ``user`` may not open it."""
    return get_complaint_for_user(user, complaint_id)


class CaseAccess:
    """What one person may see and do on one complaint (one query)."""

    def __init__(self, user, complaint: Complaint):
        self.rules = abilities(user, complaint)
        self.coordinates = ComplaintRule.COORDINATE in self.rules
        self.school_side = ComplaintRule.SCHOOL_SIDE in self.rules
        self.police_side = ComplaintRule.POLICE_SIDE in self.rules

    @property
    def police_only(self) -> bool:
        """Sees the case only as the police review does: no contact details,
        guardian, witnesses, filer, school notes or unshared files (FERPA)."""
        return not (self.coordinates or self.school_side)

    def audiences(self) -> list[str]:
        """The audiences of notes this person reads (and may write to)."""
        if self.coordinates:
            return list(Audience.values)
        readable = [Audience.PUBLIC, Audience.CASE]
        if self.school_side:
            readable.append(Audience.SCHOOL)
        if self.police_side:
            readable.append(Audience.POLICE)
        return readable

    def reviews(self) -> set[str]:
        """The reviews (school, police) this person works on."""
        return {r for r, side in ((ReviewKind.SCHOOL, self.school_side), (ReviewKind.POLICE, self.police_side)) if side}


@dataclass(frozen=True)
class StepEvent:
    """A workflow step on the case timeline: opened, claimed or finished."""

    created_at: datetime.datetime
    task: Task
    what: str  # "opened", "claimed", "done"

    is_step_event = True


def step_events(complaint: Complaint) -> list[StepEvent]:
    """When each human step of the complaint opened, was claimed and was done."""
    tasks = (
        Task.objects.filter(process__complaintprocess__complaint=complaint)
        .exclude(owner_permission="")
        .exclude(owner_permission__isnull=True)
        .select_related("owner")
    )
    events = []
    for task in tasks:
        events.append(StepEvent(task.created, task, "opened"))
        if task.assigned:
            events.append(StepEvent(task.assigned, task, "claimed"))
        if task.finished and task.status == STATUS.DONE:
            events.append(StepEvent(task.finished, task, "done"))
    return events


@dataclass(frozen=True)
class AppealFiled:
    """The complainant's appeal on the case timeline, with the reason they gave."""

    created_at: datetime.datetime
    appeal: Appeal

    is_appeal = True


def appeals_for(complaint: Complaint, access: CaseAccess) -> list[Appeal]:
    """Every appeal of the complaint, oldest first, with its reason and, once decided, the decision: for those who
    read what the complainant writes (the coordinator, who decides it, and the school side). The police review
    reads neither the complainant's replies nor their appeals (``CaseAccess.police_only``)."""
    if access.police_only:
        return []
    return list(complaint.appeals.select_related("decided_by").order_by("created_at", "pk"))


def case_timeline(complaint: Complaint, access: CaseAccess, appeals: list[Appeal] | None = None) -> list:
    """Messages and notes the person may read, with the workflow's steps and the complainant's appeals, oldest
    first (``appeals``: ``appeals_for(complaint, access)`` when the caller has it already)."""
    if appeals is None:
        appeals = appeals_for(complaint, access)
    filed = [AppealFiled(appeal.created_at, appeal) for appeal in appeals]
    entries = [*timeline_for(complaint, access), *step_events(complaint), *filed]
    return sorted(entries, key=lambda entry: entry.created_at)


def timeline_for(complaint: Complaint, access: CaseAccess) -> QuerySet:
    """Messages and notes of the audiences the person reads (the complainant's
    replies are the school review's: they may carry contact details)."""
    return complaint.messages.filter(audience__in=access.audiences()).select_related("author").order_by("created_at")


def findings_visible(complaint: Complaint, access: CaseAccess) -> set[str]:
    """Reviews whose findings the person may read. Reviews are blind: a
    reviewer reads the other review's findings only once their own are in."""
    if access.coordinates:
        return set(ReviewKind.values)
    own = access.reviews()
    recorded = set(Finding.objects.filter(allegation__complaint=complaint).values_list("review", flat=True))
    return own | (set(ReviewKind.values) if own and own <= recorded else set())


def attachments_for(complaint: Complaint, access: CaseAccess) -> QuerySet:
    """Files the person may download: of the complainant's, the police review
    only those shared with it; staff files only when their audience is one the
    person reads (complaints/services/staff_attachments.py)."""
    files = complaint.attachments.order_by("created_at")
    if access.coordinates:
        return files
    family = Q(from_complainant=True, shared_with_police=True) if access.police_only else Q(from_complainant=True)
    return files.filter(family | Q(from_complainant=False, audience__in=access.audiences()))


def open_tasks(complaint: Complaint) -> QuerySet[Task]:
    return (
        Task.objects.filter(process__complaintprocess__complaint=complaint, status__in=OPEN)
        .exclude(owner_permission="")
        .exclude(owner_permission__isnull=True)
        .select_related("owner", "due")
    )


def case_history(complaint: Complaint) -> QuerySet[AuditEvent]:
    """The complaint's audit trail (views, changes, assignments), newest first.
    Shown to the coordinator only."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Complaint), object_id=str(complaint.pk)
    ).order_by("-created_at")[:100]


def recusable_people(complaint: Complaint) -> QuerySet[User]:
    """Staff of the complaint's district who are not yet recused from it."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__district_id=complaint.school.district_id,
            memberships__role__in=sorted(STAFF_ROLES),
        )
        .exclude(recusals__complaint=complaint)
        .distinct()
        .order_by("full_name", "email")
    )


def schools_without_administrator(user) -> QuerySet[School]:
    """Schools of the coordinator's districts with no school administrator:
    the coordinator holds their school reviews (accounts.rules)."""
    return (
        School.objects.filter(district_id__in=scope_for(user).district_ids(Role.COORDINATOR))
        .exclude(memberships__role=Role.SCHOOL_ADMIN)
        .order_by("name")
    )
