"""The MOU checks on enforcement events (issue 13, "MOU checks"): the one place they are written.

Each check is a database condition, so the list filters on it, a page of
events reads every flag in its one query, and one event's flags need nothing
more. A check's ``code`` is stable: the monthly review stores each flag's
written resolution against (event, code) (``activity.FlagResolution``);
``event_flags(event, unresolved=True)`` leaves the resolved ones out.

The district's notification deadlines (``activity.NoticeDeadline``) are checks
too: an arrest or custody whose principal or guardian was told later than the
district allows, or never, when the district sets a deadline.
"""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, DateTimeField, DurationField, ExpressionWrapper, F, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from activity.models import EventType, FlagResolution

_PUBLIC_ORDER_CHARGES = [EventType.CITATION, EventType.PETITION]


@dataclass(frozen=True)
class MouCheck:
    code: str
    item: int  # the model MOU's item
    label: Promise
    condition: Q

    @property
    def annotation(self) -> str:
        return f"flag_{self.code}"


def _told_late(told_at: str, within: str) -> Q:
    """An arrest whose ``told_at`` is empty or later than the end of its day plus the district's ``within``."""
    allowed = F(f"school__district__notice_deadline__{within}")
    deadline = ExpressionWrapper(
        Cast("date", DateTimeField()) + Value(datetime.timedelta(days=1), DurationField()) + allowed,
        output_field=DateTimeField(),
    )
    late = Q(**{f"{told_at}__isnull": True}) | Q(**{f"{told_at}__gt": deadline})
    return Q(type=EventType.ARREST, **{f"school__district__notice_deadline__{within}__isnull": False}) & late


MOU_CHECKS: tuple[MouCheck, ...] = (
    MouCheck(
        "public_order_without_threat",
        7,
        _("Citation, ticket or petition for a public order offence without a real and immediate threat"),
        Q(type__in=_PUBLIC_ORDER_CHARGES, offence__public_order=True, real_threat=False),
    ),
    MouCheck(
        "custody_without_warrant_or_threat",
        8,
        _("Custody at school without a warrant or a real and immediate threat"),
        Q(type=EventType.ARREST, warrant=False, real_threat=False),
    ),
    MouCheck(
        "custody_without_principal_or_guardian",
        8,
        _("Custody at school without the principal consulted or the parent or guardian notified"),
        Q(type=EventType.ARREST) & (Q(principal_consulted=False) | Q(guardian_notified=False)),
    ),
    MouCheck(
        "school_discipline",
        2,
        _("Recorded as enforcing school discipline"),
        Q(school_discipline=True),
    ),
    MouCheck(
        "principal_told_late",
        8,
        _("The principal was not told of the custody within the district's deadline"),
        _told_late("principal_notified_at", "principal_within"),
    ),
    MouCheck(
        "guardian_told_late",
        8,
        _("The parent or guardian was not told of the custody within the district's deadline"),
        _told_late("guardian_notified_at", "guardian_within"),
    ),
)
CHECKS_BY_CODE = {check.code: check for check in MOU_CHECKS}


def flagged_q() -> Q:
    """Events raising at least one MOU check."""
    found = Q(pk__in=[])
    for check in MOU_CHECKS:
        found |= check.condition
    return found


def events_with_flags(events: QuerySet) -> QuerySet:
    """``events`` with one boolean annotation per check (read by ``event_flags``)."""
    return events.annotate(
        **{c.annotation: ExpressionWrapper(c.condition, output_field=BooleanField()) for c in MOU_CHECKS}
    )


def event_flags(event, *, unresolved: bool = False) -> list[MouCheck]:
    """The MOU checks ``event`` raises (annotated by ``events_with_flags``, else read in one query);
    with ``unresolved``, only those without a written resolution (one more query, or none when the
    event's ``flag_resolutions`` are prefetched)."""
    if not hasattr(event, MOU_CHECKS[0].annotation):
        event = events_with_flags(type(event).objects.filter(pk=event.pk)).get()
    raised = [check for check in MOU_CHECKS if getattr(event, check.annotation)]
    if unresolved and raised:
        resolved = {r.code for r in event.flag_resolutions.all()}
        raised = [check for check in raised if check.code not in resolved]
    return raised


def unresolved_q() -> Q:
    """Events raising at least one check that has no written resolution."""
    missing = Q(pk__in=[])
    for check in MOU_CHECKS:
        resolved = FlagResolution.objects.filter(code=check.code).values("event_id")
        missing |= check.condition & ~Q(pk__in=resolved)
    return missing
