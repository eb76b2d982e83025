"""The one rule for locked months: a record dated in a month its school's review accepted is never written again.

Every writer of SRO records (the officer's form, imports, corrections) asks ``month_is_locked`` before saving (an
import reads its district's ``locked_months`` once instead of asking per row), and the monthly review calls
``month_lock`` when the coordinator accepts a month.
"""

import datetime

from django.db import transaction

from accounts.models import School
from activity.models import LockedMonth


def month_start(day: datetime.date) -> datetime.date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def month_is_locked(*, school_id: int, day: datetime.date) -> bool:
    """True when ``day``'s month at that school was accepted in its monthly review."""
    return LockedMonth.objects.filter(school_id=school_id, month=month_start(day)).exists()


def locked_months(*, district_id: int) -> set[tuple[int, datetime.date]]:
    """Every locked ``(school id, first day of the month)`` of the district's schools."""
    return set(LockedMonth.objects.filter(school__district_id=district_id).values_list("school_id", "month"))


@transaction.atomic
def month_lock(*, school: School, month: datetime.date) -> LockedMonth:
    """Locks ``month`` (any day of it) at ``school``; locking twice keeps the first lock."""
    return LockedMonth.objects.get_or_create(school=school, month=month_start(month))[0]
