"""The MOU item 5 summary of an accepted month, per SRO, and the monthly review's mails.

The summary holds counts only (events by type and by offence, outreach by kind with minutes): no student data.
Recipients come from ``accounts.rules``; every mail is enqueued through the notifications service in the
transaction of the change that caused it, with a key, so a step run twice mails once.
"""

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from accounts.rules import monthly_coordinators, monthly_summary_recipients
from activity.models import EventType, OutreachKind
from core.i18n import pick
from notifications.services import email_enqueue
from workflows.monthly.models import MonthlyReview
from workflows.monthly.selectors import month_events, month_outreach


def officer_summaries(review: MonthlyReview) -> list[dict]:
    """One entry per officer with records that month, by name: ``types`` [(label, count)], ``offences``
    [(label, count)], ``outreach`` [(label, count, minutes)] and ``events`` (their total); labels in the active
    language. Three queries."""
    events = month_events(review).order_by()
    by_type = events.values("officer__full_name", "type").annotate(n=Count("pk")).order_by("type")
    by_offence = (
        events.filter(offence__isnull=False)
        .values("officer__full_name", "offence__name_en", "offence__name_es")
        .annotate(n=Count("pk"))
        .order_by("offence__name_en")
    )
    outreach = (
        month_outreach(review)
        .values("officer__full_name", "kind")
        .annotate(n=Count("pk"), minutes=Sum("minutes"))
        .order_by("kind")
    )
    officers: dict[str, dict] = defaultdict(lambda: {"types": [], "offences": [], "outreach": [], "events": 0})
    for row in by_type:
        entry = officers[row["officer__full_name"]]
        entry["types"].append([str(EventType(row["type"]).label), row["n"]])
        entry["events"] += row["n"]
    for row in by_offence:
        label = pick(SimpleNamespace(name_en=row["offence__name_en"], name_es=row["offence__name_es"]), "name")
        officers[row["officer__full_name"]]["offences"].append([label, row["n"]])
    for row in outreach:
        entry = officers[row["officer__full_name"]]
        entry["outreach"].append([str(OutreachKind(row["kind"]).label), row["n"], row["minutes"] or 0])
    return [{"name": name, **officers[name]} for name in sorted(officers)]


def _context(review: MonthlyReview) -> dict:
    return {
        "school_name": review.school.name,
        "month": date_format(review.month, "YEAR_MONTH_FORMAT"),
        "review_path": reverse("staff:monthly:review", args=[review.pk]),
    }


def summary_mail(*, review: MonthlyReview) -> int:
    """Mails the accepted month's summary (HTML and text) to every recipient, in their language; returns how many."""
    recipients = list(monthly_summary_recipients(review))
    for user in recipients:
        with translation.override(user.preferred_language or "en"):
            context = {**_context(review), "officers": officer_summaries(review)}
        email_enqueue(
            template="monthly_summary",
            to=user.email,
            language=user.preferred_language,
            context=context,
            key=f"monthly-summary-{review.pk}-{user.pk}",
            user=user,
            district=review.school.district,
        )
    return len(recipients)


def overdue_mail(*, review: MonthlyReview, task) -> None:
    """Tells the district's coordinators that ``task`` of ``review`` is past its due date."""
    for user in monthly_coordinators(review):
        with translation.override(user.preferred_language or "en"):
            # The node's own title, in the reader's language: no import of the flow.
            context = {**_context(review), "step": str(task.flow_task.task_title) if task else ""}
        email_enqueue(
            template="monthly_overdue",
            to=user.email,
            language=user.preferred_language,
            context=context,
            key=f"monthly-overdue-{task.pk if task else review.pk}-{user.pk}",
            user=user,
            district=review.school.district,
        )
