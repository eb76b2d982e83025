"""Complaint figures: received (by kind and by school), by allegation, outcomes, and time to close.

A complaint counts in the school year it was filed in (``created_at``, the district's local date). It is *closed*
when its outcome letter was sent (``OutcomeLetter.published_at``); its time to close is the school days from filing
to that day (``workflows.calendar``: weekends and the district's closures do not count), and it closed *on time*
when that is at most the district's triage + the longer of the school and police reviews + outcome deadlines.
"""

import statistics
from datetime import datetime, time

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.figures.base import (
    ALL,
    SUPPRESSED,
    TOTAL,
    CountGrid,
    FigureContext,
    Row,
    Table,
    count_rows,
    count_table,
    hidden_cells,
    interpolate,
)
from complaints.models import Allegation, AllegationCategory, Complaint, FindingValue, Kind
from workflows.calendar import Closures, deadline_policy_for, weekdays_between

SOURCE = _("Complaints filed through the site, and their review.")


def _bounds(ctx: FigureContext) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    start = datetime.combine(ctx.first, time.min, tzinfo=zone)
    end = datetime.combine(ctx.last, time.max, tzinfo=zone)
    return start, end


def _year_complaints(ctx: FigureContext):
    start, end = _bounds(ctx)
    return Complaint.objects.filter(school__district=ctx.district, created_at__range=(start, end))


def received(ctx: FigureContext) -> list[Table]:
    """Complaints received by kind, and by school (the same protected counts)."""
    rows = _year_complaints(ctx).values("school_id", "kind").annotate(n=Count("id")).order_by()
    grid = CountGrid.build(
        scopes=ctx.scopes, rows=Kind.values, counts={(str(r["school_id"]), r["kind"]): r["n"] for r in rows}
    )
    by_kind = count_table(
        key="complaints_received",
        title=_("Complaints received"),
        column=_("Received"),
        grid=grid,
        threshold=ctx.threshold,
        previous=ctx.previous_table("complaints_received"),
        labels=dict(Kind.choices),
        total_label=_("All received"),
        source=SOURCE,
        notes=_("Complaints, general concerns and compliments filed in the school year."),
        dictionary={"count": _("How many were filed in the school year (a complaint counts once).")},
    )
    return [by_kind, _by_school(ctx, by_kind)]


def _by_school(ctx: FigureContext, by_kind: Table) -> Table:
    # The same cells as the "All received" row of by_kind, one row per school: nothing new is shown.
    total = next(row for row in by_kind.rows if row.key == TOTAL)
    rows = [
        Row(key=scope, label=school.name, cells={ALL: total.cells[scope], scope: total.cells[scope]})
        for scope, school in zip(ctx.scopes, ctx.schools, strict=True)
    ]
    rows.append(Row(key=TOTAL, label=_("District"), cells={ALL: total.cells[ALL]}, total=True))
    return Table(
        key="complaints_by_school",
        title=_("Complaints received by school"),
        columns=[("count", _("Received"))],
        rows=rows,
        source=SOURCE,
        notes=_("Every kind of filing, by the school it is about."),
        dictionary={"count": _("How many were filed in the school year about the school.")},
        hidden=[[ALL, TOTAL if scope == ALL else scope, 0] for scope, row, _c in by_kind.hidden if row == TOTAL],
    )


def _allegation_grid(ctx: FigureContext, field: str, values: list[str]) -> CountGrid:
    """The year's allegations by school and ``field`` (those with ``field`` blank left out)."""
    start, end = _bounds(ctx)
    rows = (
        Allegation.objects.filter(complaint__school__district=ctx.district, complaint__created_at__range=(start, end))
        .exclude(**{field: ""})
        .values("complaint__school_id", field)
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(str(r["complaint__school_id"]), r[field]): r["n"] for r in rows}
    return CountGrid.build(scopes=ctx.scopes, rows=values, counts=counts)


def by_allegation(ctx: FigureContext) -> list[Table]:
    grid = _allegation_grid(ctx, "category", AllegationCategory.values)
    return [
        count_table(
            key="complaints_by_allegation",
            title=_("Concerns raised, by kind of allegation"),
            column=_("Allegations"),
            grid=grid,
            threshold=ctx.threshold,
            previous=ctx.previous_table("complaints_by_allegation"),
            labels=dict(AllegationCategory.choices),
            total_label=_("All allegations"),
            source=SOURCE,
            notes=_("One complaint can raise several kinds of allegation; each counts once."),
            dictionary={"count": _("Allegations of that kind in complaints filed in the school year.")},
        )
    ]


def outcomes(ctx: FigureContext) -> list[Table]:
    grid = _allegation_grid(ctx, "final_finding", FindingValue.values)
    return [
        count_table(
            key="complaint_outcomes",
            title=_("Outcomes of allegations"),
            column=_("Allegations"),
            grid=grid,
            threshold=ctx.threshold,
            previous=ctx.previous_table("complaint_outcomes"),
            labels=dict(FindingValue.choices),
            total_label=_("All decided allegations"),
            source=SOURCE,
            notes=_("The final finding the complainant was told, for complaints filed in the school year."),
            dictionary={"count": _("Allegations with that final finding.")},
        )
    ]


def _closing_days(ctx: FigureContext) -> tuple[list[tuple[str, int]], int]:
    """(scope, school days to close) of every closed complaint of the year, and the days allowed."""
    policy = deadline_policy_for(ctx.district)
    allowed = policy.triage_days + max(policy.school_review_days, policy.police_review_days) + policy.outcome_days
    pairs = list(
        _year_complaints(ctx)
        .filter(outcome_letter__published_at__isnull=False)
        .values_list("school_id", "created_at", "outcome_letter__published_at")
    )
    if not pairs:
        return [], allowed
    zone = timezone.get_current_timezone()
    firsts = [created.astimezone(zone).date() for _s, created, _p in pairs]
    lasts = [published.astimezone(zone).date() for _s, _c, published in pairs]
    # One query for the closures of every span.
    closures = Closures.load(ctx.district, min(firsts), max(lasts))
    days = [
        (str(school_id), weekdays_between(a, b) - closures.closed_weekdays(a, b))
        for (school_id, _c, _p), a, b in zip(pairs, firsts, lasts, strict=True)
    ]
    return days, allowed


def timeliness(ctx: FigureContext) -> list[Table]:
    """Complaints closed (on time, late, all), median school days to close, and the share closed on time."""
    days, allowed = _closing_days(ctx)
    counts: dict[tuple[str, str], int] = {}
    for scope, n in days:
        key = (scope, "on_time" if n <= allowed else "late")
        counts[key] = counts.get(key, 0) + 1
    grid = CountGrid.build(scopes=ctx.scopes, rows=["on_time", "late"], counts=counts)
    hidden = grid.protect(threshold=ctx.threshold, previous=ctx.previous_table("complaint_timeliness"))
    labels = {"on_time": _("Closed on time"), "late": _("Closed late")}
    rows = count_rows(grid, hidden, labels=labels, total_label=_("Complaints closed"))
    median = Row(key="median_days", label=_("Median school days to close"))
    share = Row(key="on_time_share", label=_("Closed on time (%)"), percent=True)
    for scope in [ALL, *ctx.scopes]:
        closed = grid.counts[(scope, TOTAL)]
        if not closed:
            median.cells[scope] = share.cells[scope] = [None]
            continue
        small = closed < ctx.threshold or (scope, TOTAL) in hidden
        spans = [n for s, n in days if scope in (ALL, s)]
        median.cells[scope] = [SUPPRESSED if small else statistics.median(spans)]
        # With the total shown, the share would give a hidden on-time or late count away.
        split_hidden = {(scope, "on_time"), (scope, "late")} & hidden
        on_time = round(100 * grid.counts[(scope, "on_time")] / closed, 1)
        share.cells[scope] = [SUPPRESSED if small or split_hidden else on_time]
    return [
        Table(
            key="complaint_timeliness",
            title=_("Time to close complaints"),
            columns=[("value", _("Value"))],
            rows=[*rows, median, share],
            unit="mixed",
            chart=False,
            source=SOURCE,
            notes=interpolate(
                _("Closed means the outcome letter was sent. On time: within %(days)s school days."), {"days": allowed}
            ),
            dictionary={
                "on_time": _("Complaints filed in the school year closed within the deadlines."),
                "late": _("Complaints filed in the school year closed after the deadlines."),
                "total": _("Complaints filed in the school year whose outcome letter was sent."),
                "median_days": _("The middle value of the school days from filing to the outcome letter."),
                "on_time_share": _("The share closed within the district's deadlines added together, in per cent."),
            },
            hidden=hidden_cells(hidden),
        )
    ]
