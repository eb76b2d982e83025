"""Who hears about what in the review workflow. Recipients come from
accounts.rules, so nobody in conflict with a complaint (the officer named,
anyone recused, officers rostered at the school when none is named) and nobody
outside its scope is ever mailed. Every mail goes through the notifications
service, enqueued in the transaction of the change that caused it."""

from django.urls import reverse
from django.utils import timezone

from accounts.rules import ComplaintRule, may, people_for
from complaints.models import Audience, Message
from notifications.services import email_enqueue
from workflows.review.selectors import CaseAccess, open_tasks


def _staff_mail(complaint, users, template: str, key: str, **extra) -> None:
    context = {
        "tracking_code": complaint.tracking_code,
        "case_path": reverse("staff:reviews:case", args=[complaint.pk]),
    }
    for user in users:
        email_enqueue(
            template=template,
            to=user.email,
            language=user.preferred_language,
            context={**context, **extra},
            key=f"{key}-{user.pk}",
            user=user,
            district=complaint.school.district,
        )


def complainant_told(complaint, template: str, key: str, event: str = "") -> None:
    """Mail to the complainant (nothing when they gave no email: the tracking
    page has it all). ``event`` (a MessageKind) also puts the news on the
    tracking page's timeline, so a mail never announces what the page lacks."""
    type(complaint).objects.filter(pk=complaint.pk).update(complainant_updated_at=timezone.now())
    if event:
        Message.objects.create(complaint=complaint, audience=Audience.PUBLIC, kind=event)
    email_enqueue(
        template=template,
        to=complaint.contact_email,
        language=complaint.preferred_language,
        context={"tracking_code": complaint.tracking_code, "track_path": reverse("complaints:track")},
        key=f"{template}-{complaint.pk}-{key}",
        user=complaint.submitted_by,
        district=complaint.school.district,
    )


def recipients(complaint, template: str):
    """Who is mailed ``template`` about ``complaint``: the rule each staff mail follows."""
    rule = {"new_complaint": ComplaintRule.TRIAGE, "emergency": ComplaintRule.ALERT}.get(
        template, ComplaintRule.COORDINATE
    )
    return people_for(rule, complaint)


def coordinators_told(complaint, template: str, key: str, **extra) -> None:
    """Mail about ``complaint`` to the people its rule names (coordinators, or
    for a new complaint everyone who may triage it)."""
    _staff_mail(complaint, recipients(complaint, template), template, f"{template}-{complaint.pk}-{key}", **extra)


def assignee_told(complaint, user, step: str, key: str) -> None:
    if may(user, ComplaintRule.VIEW, complaint):
        _staff_mail(complaint, [user], "task_assigned", f"task-assigned-{key}", step=step)


def emergency_alert(complaint) -> None:
    """A real and immediate threat: coordinators and the agency's reviewers, at once."""
    _staff_mail(complaint, recipients(complaint, "emergency"), "emergency", f"emergency-{complaint.pk}")


def reviewers_told_of_reply(sender, complaint, message, **kwargs) -> None:
    """The complainant replied: the coordinators and whoever holds an open step
    and may read the reply (the school side; never police, who do not see replies)."""

    holders = [
        t.owner
        for t in open_tasks(complaint)
        if t.owner and Audience.SCHOOL in CaseAccess(t.owner, complaint).audiences()
    ]
    people = {u.pk: u for u in [*recipients(complaint, "complainant_replied"), *holders]}
    key = f"complainant_replied-{complaint.pk}-{message.pk if message else 'files'}-{timezone.now():%Y%m%d%H%M%S}"
    _staff_mail(complaint, people.values(), "complainant_replied", key)
