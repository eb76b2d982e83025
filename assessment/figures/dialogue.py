"""Dialogue figures: community sessions held (feedback.Session) and the people who came, by kind of session.

Sessions can serve several schools, so these figures are the district's only. A session counts in the school year
it started in, unless it was cancelled; a participant is a registration checked in at the session.
"""

from datetime import datetime, time

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.figures.base import ALL, SUPPRESSED, TOTAL, CountGrid, FigureContext, Row, Table, hidden_cells
from feedback.models import Session, SessionKind

CHECKED_IN = Q(registrations__attendance="present")


def sessions(ctx: FigureContext) -> list[Table]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(ctx.first, time.min, tzinfo=zone)
    end = datetime.combine(ctx.last, time.max, tzinfo=zone)
    rows = (
        Session.objects.filter(district=ctx.district, starts_at__range=(start, end), cancelled_at__isnull=True)
        .values("kind")
        .annotate(n=Count("id", distinct=True), people=Count("registrations", filter=CHECKED_IN))
        .order_by()
    )
    held = CountGrid.build(scopes=[], rows=SessionKind.values, counts={(ALL, r["kind"]): r["n"] for r in rows})
    came = CountGrid.build(scopes=[], rows=SessionKind.values, counts={(ALL, r["kind"]): r["people"] for r in rows})
    previous = ctx.previous_table("dialogue_sessions")
    held_hidden = held.protect(threshold=ctx.threshold, previous=previous, column=0)
    came_hidden = came.protect(threshold=ctx.threshold, previous=previous, column=1)
    labels = dict(SessionKind.choices)
    table_rows = []
    for key in [*SessionKind.values, TOTAL]:
        cells = [
            SUPPRESSED if (ALL, key) in held_hidden else held.counts[(ALL, key)],
            SUPPRESSED if (ALL, key) in came_hidden else came.counts[(ALL, key)],
        ]
        label = _("All sessions") if key == TOTAL else labels[key]
        table_rows.append(Row(key=key, label=label, cells={ALL: cells}, total=key == TOTAL))
    return [
        Table(
            key="dialogue_sessions",
            title=_("Dialogue sessions and participants"),
            columns=[("sessions", _("Sessions held")), ("participants", _("Participants"))],
            rows=table_rows,
            source=_("The community dialogue sessions' sign-up and check-in records."),
            notes=_("District-wide: one session can serve several schools."),
            dictionary={
                "sessions": _("Sessions of that kind held in the school year (cancelled ones are left out)."),
                "participants": _("People checked in at those sessions."),
            },
            hidden=hidden_cells(held_hidden) + hidden_cells(came_hidden, 1),
        )
    ]
