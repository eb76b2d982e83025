"""Who hears about what in the review workflow. Every mail goes through the
notifications service, enqueued in the transaction of the change that caused it."""

from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, Role
from notifications.services import email_enqueue


def _coordinators(district_id: int):
    return (
        Membership.objects.filter(role=Role.COORDINATOR, district_id=district_id, user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )


def _staff_mail(complaint, users, template: str, key: str, **extra) -> None:
    context = {
        "tracking_code": complaint.tracking_code,
        "case_path": reverse("staff:reviews:case", args=[complaint.pk]),
    }
    for user in {u.pk: u for u in users}.values():
        email_enqueue(
            template=template,
            to=user.email,
            language=user.preferred_language,
            context={**context, **extra},
            key=f"{key}-{user.pk}",
            user=user,
            district=complaint.school.district,
        )


def complainant_told(complaint, template: str, key: str) -> None:
    """Mail to the complainant (nothing when they gave no email: the tracking page has it all)."""
    type(complaint).objects.filter(pk=complaint.pk).update(complainant_updated_at=timezone.now())
    email_enqueue(
        template=template,
        to=complaint.contact_email,
        language=complaint.preferred_language,
        context={"tracking_code": complaint.tracking_code, "track_path": reverse("complaints:track")},
        key=f"{template}-{complaint.pk}-{key}",
        user=complaint.submitted_by,
        district=complaint.school.district,
    )


def coordinators_told(complaint, template: str, key: str, **extra) -> None:
    users = [m.user for m in _coordinators(complaint.school.district_id)]
    _staff_mail(complaint, users, template, f"{template}-{complaint.pk}-{key}", **extra)


def assignee_told(complaint, user, step: str, key: str) -> None:
    _staff_mail(complaint, [user], "task_assigned", f"task-assigned-{key}", step=step)


def emergency_alert(complaint) -> None:
    """A real and immediate threat: coordinators and the agency's reviewers, at once."""
    reviewers = Membership.objects.filter(role=Role.POLICE_REVIEWER, user__is_active=True).select_related("user")
    if complaint.officer_id:
        reviewers = reviewers.filter(agency_id=complaint.officer.agency_id)
    else:
        reviewers = reviewers.filter(district_id=complaint.school.district_id)
    users = [m.user for m in _coordinators(complaint.school.district_id)] + [m.user for m in reviewers]
    _staff_mail(complaint, users, "emergency", f"emergency-{complaint.pk}")
