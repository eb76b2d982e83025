"""Who hears about what in the review workflow. Every mail is a job enqueued
in the transaction of the change that caused it."""

from django.urls import reverse

from accounts.models import Membership, Role
from workflows.tasks import workflow_mail_send


def _coordinator_emails(district_id: int) -> list[str]:
    return list(
        Membership.objects.filter(role=Role.COORDINATOR, district_id=district_id, user__is_active=True)
        .values_list("user__email", flat=True)
        .distinct()
    )


def _case_path(complaint) -> str:
    return reverse("staff:reviews:case", args=[complaint.pk])


def complainant_told(complaint, template: str) -> None:
    """Status changes and outcomes go to complainants who gave an email."""
    if not complaint.contact_email:
        return
    workflow_mail_send.enqueue(
        to=[complaint.contact_email],
        template=template,
        language=complaint.preferred_language,
        context={
            "tracking_code": complaint.tracking_code,
            "status": complaint.public_status,
            "track_path": reverse("complaints:track"),
        },
    )


def coordinators_told(complaint, template: str, **extra) -> None:
    to = _coordinator_emails(complaint.school.district_id)
    if to:
        context = {"tracking_code": complaint.tracking_code, "case_path": _case_path(complaint), **extra}
        workflow_mail_send.enqueue(to=to, template=template, language="en", context=context)


def emergency_alert(complaint) -> None:
    """A real and immediate threat: coordinators and the agency's reviewers, at once."""
    agency_reviewers = Membership.objects.filter(role=Role.POLICE_REVIEWER, user__is_active=True)
    if complaint.officer_id:
        agency_reviewers = agency_reviewers.filter(agency_id=complaint.officer.agency_id)
    else:
        agency_reviewers = agency_reviewers.filter(district_id=complaint.school.district_id)
    to = sorted(
        set(_coordinator_emails(complaint.school.district_id))
        | set(agency_reviewers.values_list("user__email", flat=True))
    )
    context = {"tracking_code": complaint.tracking_code, "case_path": _case_path(complaint)}
    workflow_mail_send.enqueue(to=to, template="emergency", language="en", context=context)
