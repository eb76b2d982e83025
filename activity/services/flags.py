"""The MOU checks on enforcement events (issue 13, "MOU checks"): the one place they are written.

Each check is a database condition, so the list filters on it, a page of
events reads every flag in its one query, and one event's flags need nothing
more. A check's ``code`` is stable: the monthly review will store each flag's
written resolution against (event, code) — the hook for that is
``event_flags``, which will then leave out resolved flags.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from activity.models import EventType

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
)


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


def event_flags(event) -> list[MouCheck]:
    """The MOU checks ``event`` raises (annotated by ``events_with_flags``, else read in one query)."""
    if not hasattr(event, MOU_CHECKS[0].annotation):
        event = events_with_flags(type(event).objects.filter(pk=event.pk)).get()
    return [check for check in MOU_CHECKS if getattr(event, check.annotation)]
