"""Which complaints and tasks a staff member may see. Everything else is 404."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.access import scope_for
from accounts.backends import OUTCOME, POLICE_REVIEW, SCHOOL_REVIEW, TRIAGE
from accounts.models import Agency, Role
from complaints.models import Allegation, Complaint, Kind, Recusal
from workflows.models import Route

HUMAN_PERMISSIONS = (TRIAGE, SCHOOL_REVIEW, POLICE_REVIEW, OUTCOME)


def _police_agencies_q(user, prefix: str = "") -> Q:
    """Complaints routed to police review for one of the user's agencies."""
    agencies = scope_for(user).agency_ids(Role.POLICE_REVIEWER)
    if not agencies:
        return Q(pk__in=[])
    districts = Agency.objects.filter(pk__in=agencies).values("district_id")
    named = Q(**{f"{prefix}officer__agency_id__in": agencies})
    unnamed = Q(**{f"{prefix}officer__isnull": True, f"{prefix}school__district_id__in": districts})
    routed = Q(**{f"{prefix}process__route__in": [Route.POLICE, Route.BOTH]})
    return routed & (named | unnamed)


def reviewable_complaints(user) -> QuerySet[Complaint]:
    """Complaints the user may open: the coordinator's district, the school
    administrator's school, the police reviewer's routed complaints; never one
    naming the user as the officer or one they are recused from."""
    scope = scope_for(user)
    visible = (
        Q(school__district_id__in=scope.district_ids(Role.COORDINATOR))
        | Q(school_id__in=scope.school_ids(Role.SCHOOL_ADMIN), kind=Kind.COMPLAINT)
        | _police_agencies_q(user)
    )
    recused = Recusal.objects.filter(complaint=OuterRef("pk"), user=user)
    return (
        Complaint.objects.filter(visible)
        .exclude(officer__user=user)
        .exclude(Exists(recused))
        .select_related("school", "officer", "officer__agency")
    )


def case_for(user, complaint_id: int) -> Complaint:
    return get_object_or_404(reviewable_complaints(user), pk=complaint_id)


def is_police_view(user, complaint: Complaint) -> bool:
    """Police reviewers see only what their review needs: no contact details,
    no guardian, no witnesses (FERPA)."""
    scope = scope_for(user)
    return not (
        complaint.school.district_id in scope.district_ids(Role.COORDINATOR)
        or complaint.school_id in scope.school_ids(Role.SCHOOL_ADMIN)
    )


def _actionable_q(user) -> Q:
    scope = scope_for(user)
    p = "process__complaintprocess__complaint__"
    return (
        Q(
            owner_permission__in=[TRIAGE, OUTCOME],
            **{f"{p}school__district_id__in": scope.district_ids(Role.COORDINATOR)},
        )
        | Q(owner_permission=SCHOOL_REVIEW, **{f"{p}school_id__in": scope.school_ids(Role.SCHOOL_ADMIN)})
        | Q(
            owner_permission=TRIAGE,
            **{
                f"{p}school_id__in": scope.school_ids(Role.SCHOOL_ADMIN),
                f"{p}school__district__school_admins_triage": True,
            },
        )
        | (Q(owner_permission=POLICE_REVIEW) & _police_agencies_q(user, prefix=p))
    )


def queue_for(
    user, *, mine=False, school=None, category=None, status=None, overdue=False, sort="due"
) -> QuerySet[Task]:
    """Open tasks the user (or their team) may work, with what the queue shows."""
    p = "process__complaintprocess__complaint"
    tasks = (
        Task.objects.filter(_actionable_q(user), status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .exclude(**{f"{p}__officer__user": user})
        .exclude(Exists(Recusal.objects.filter(complaint=OuterRef(p), user=user)))
        .select_related("owner", "due", f"{p}__school")
    )
    if mine:
        tasks = tasks.filter(owner=user)
    if school:
        tasks = tasks.filter(**{f"{p}__school_id": school})
    if category:
        # A subquery, not a join: no duplicate rows, so no DISTINCT over the whole queue.
        tasks = tasks.filter(**{f"{p}__in": Allegation.objects.filter(category=category).values("complaint_id")})
    if status:
        tasks = tasks.filter(**{f"{p}__public_status": status})
    if overdue:
        tasks = tasks.filter(due__due_at__lt=timezone.now())
    order = {"due": ["due__due_at", "pk"], "-due": ["-due__due_at", "-pk"], "created": ["created", "pk"]}
    return tasks.order_by(*order.get(sort, order["due"]))


def queue_counts(user) -> dict[str, int]:
    """Open tasks per step, for the queue's summary line."""
    rows = (
        Task.objects.filter(_actionable_q(user), status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .values("owner_permission")
        .annotate(n=Count("pk"))
    )
    return {row["owner_permission"]: row["n"] for row in rows}


def open_tasks(complaint: Complaint) -> QuerySet[Task]:
    return (
        Task.objects.filter(process__complaintprocess__complaint=complaint, status__in=[STATUS.NEW, STATUS.ASSIGNED])
        .exclude(owner_permission="")
        .exclude(owner_permission__isnull=True)
        .select_related("owner", "due")
    )


def case_history(complaint: Complaint):
    """The complaint's audit trail (views, changes, assignments), newest first."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import AuditEvent

    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(Complaint), object_id=str(complaint.pk)
    ).order_by("-created_at")[:100]
