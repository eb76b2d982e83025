"""Records for the dashboard's tests, made in bulk (hundreds of complaints in a few queries)."""

import datetime
import uuid

from django.utils import timezone

from complaints.models import Allegation, Complaint, OutcomeLetter


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def complaints(
    school,
    n: int,
    *,
    filed: datetime.date = datetime.date(2026, 9, 14),
    kind: str = "complaint",
    categories: tuple[str, ...] = (),
    finding: str = "",
    closed: datetime.date | None = None,
) -> list[Complaint]:
    """``n`` complaints about ``school`` filed on ``filed``, each raising ``categories`` (with ``finding`` as the
    final finding), with an outcome letter sent on ``closed`` when given."""
    made = Complaint.objects.bulk_create(
        Complaint(
            tracking_code=uuid.uuid4().hex[:16],
            pin_hash="x",
            kind=kind,
            school=school,
            occurred_on=filed,
            filer_role="student",
            description="About the officer.",
            preferred_language="en",
        )
        for _ in range(n)
    )
    Complaint.objects.filter(pk__in=[c.pk for c in made]).update(created_at=at(filed))
    Allegation.objects.bulk_create(
        Allegation(complaint=c, category=category, final_finding=finding) for c in made for category in categories
    )
    if closed:
        OutcomeLetter.objects.bulk_create(
            OutcomeLetter(complaint=c, body="Outcome.", published_at=at(closed)) for c in made
        )
    return made
