"""The demo district's monthly reviews (`manage.py seed_demo_monthly`, `purge_demo_monthly`).

At Lincoln High, the month before last is accepted and locked, and last month waits for the principal's review;
every other school with an SRO rostered last month gets its review opened. Works with or without demo SRO
records (another command seeds those; run this one after it): a month without records is certified as empty.
Every step goes through the real services, so running it again changes nothing.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction

from accounts.demo import DEMO_DISTRICT_SLUG
from accounts.models import School, User
from activity.models import FlagResolution, LockedMonth
from activity.services.flags import event_flags
from workflows.monthly import opening, services
from workflows.monthly.models import MonthlyReview
from workflows.monthly.selectors import flagged_events, open_tasks

_SCHOOL = "lincoln-high"
_SRO, _PRINCIPAL, _COORDINATOR = (
    "sro@demo.commonground.test",
    "principal@demo.commonground.test",
    "coordinator@demo.commonground.test",
)


@dataclass(frozen=True)
class DemoMonthly:
    accepted: MonthlyReview | None
    pending: MonthlyReview | None
    opened: int


def _step(review: MonthlyReview) -> str:
    task = open_tasks(review).first()
    return task.flow_task.name if task else ""


def _drive(review: MonthlyReview, *, until: str) -> None:
    """Moves ``review`` on through the demo accounts until its open step is ``until`` (or it is done)."""
    people = {email: User.objects.get(email=email) for email in (_SRO, _PRINCIPAL, _COORDINATOR)}
    while (step := _step(review)) and step != until:
        task = open_tasks(review).get()
        if step == "certify":
            services.monthly_certify(task=task, user=people[_SRO])
        elif step == "school_review":
            text = "Talked it through with the SRO and the family; no further action (demo)."
            resolutions = {(e.pk, c.code): text for e in flagged_events(review) for c in event_flags(e)}
            services.monthly_school_review(task=task, user=people[_PRINCIPAL], comments="", resolutions=resolutions)
        else:
            services.monthly_accept(task=task, user=people[_COORDINATOR])
        review.refresh_from_db()


def _review(school: School, month: datetime.date) -> MonthlyReview | None:
    opening.monthly_review_open(school=school, month=month)
    return MonthlyReview.objects.filter(school=school, month=month).first()


@transaction.atomic
def demo_monthly_create(*, today: datetime.date) -> DemoMonthly:
    """The demo district's reviews: one accepted month and one waiting for the school (where the roster allows)."""
    school = School.objects.get(district__slug=DEMO_DISTRICT_SLUG, slug=_SCHOOL)
    pending_month, _last = opening.previous_month(today)
    accepted_month, _last = opening.previous_month(pending_month)
    rostered = services.rostered_officers
    accepted = _review(school, accepted_month)
    if accepted is not None and rostered(accepted).exists():
        _drive(accepted, until="")
    pending = _review(school, pending_month)
    if pending is not None and rostered(pending).exists():
        _drive(pending, until="school_review")
    opened = opening.monthly_reviews_open(today=today)
    return DemoMonthly(accepted=accepted, pending=pending, opened=opened)


@transaction.atomic
def demo_monthly_purge() -> int:
    """Deletes the demo district's monthly reviews, locked months and flag resolutions; returns how many reviews."""
    reviews = MonthlyReview.objects.filter(school__district__slug=DEMO_DISTRICT_SLUG)
    count = reviews.count()
    FlagResolution.objects.filter(event__school__district__slug=DEMO_DISTRICT_SLUG).delete()
    LockedMonth.objects.filter(school__district__slug=DEMO_DISTRICT_SLUG).delete()
    for review in reviews:
        review.delete()  # its tasks, due dates and certifications go with it
    return count
