"""Where an SRO works: the form's default school."""

import datetime as dt

from django.db.models import QuerySet

from accounts.models import Officer, RosterAssignment, School


def rostered_schools(*, officer: Officer, on: dt.date) -> QuerySet[School]:
    """Schools ``officer`` is rostered at on ``on``, or, with none that day, every school they were ever rostered at."""
    today = RosterAssignment.objects.on(on).filter(officer=officer).values("school_id")
    schools = School.objects.filter(pk__in=today)
    if not schools.exists():
        schools = School.objects.filter(pk__in=RosterAssignment.objects.filter(officer=officer).values("school_id"))
    return schools.order_by("name")
