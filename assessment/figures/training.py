"""Training figures: the district's training events held in the school year, their hours, and how many of the
SROs rostered that year met the required hours (``assessment.services.training.training_compliance``).

The officers' counts go through suppression like every count (met + not met = the SROs of the year). District-wide.
The public training page shows the same three counts, live: ``published`` tells it what the year's latest release
showed and hid of them, so that the page and the release together give no hidden count away.
"""

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
    earlier_of,
    hidden_cells,
)
from assessment.models import Release
from assessment.services.training import held_events, training_compliance
from core.suppression import Earlier

KEY = "training_completed"
# The table's rows as ``assessment.services.training.training_public_summary`` counts them.
SUMMARY_KEYS = {"met": "met", "not_met": "not_met", TOTAL: "sros"}


def completed(ctx: FigureContext) -> list[Table]:
    as_of = min(ctx.last, timezone.localdate())  # scheduled sessions are not held yet
    rows = training_compliance(district=ctx.district, school_year=ctx.school_year, as_of=as_of)
    met = sum(1 for row in rows if row.compliant)
    counts = {(ALL, "met"): met, (ALL, "not_met"): len(rows) - met}
    grid = CountGrid.build(scopes=[], rows=["met", "not_met"], counts=counts)
    hidden = grid.protect(threshold=ctx.threshold, previous=ctx.previous_table(KEY))
    events = list(held_events(district=ctx.district, school_year=ctx.school_year, as_of=as_of))
    labels = {"met": _("SROs who met every training requirement"), "not_met": _("SROs who did not (yet)")}
    table_rows = [
        Row(key=key, label=labels[key], cells={ALL: [SUPPRESSED if (ALL, key) in hidden else grid.counts[(ALL, key)]]})
        for key in ("met", "not_met")
    ]
    table_rows.append(
        Row(
            key=TOTAL,
            label=_("SROs serving the district's schools"),
            cells={ALL: [SUPPRESSED if (ALL, TOTAL) in hidden else grid.counts[(ALL, TOTAL)]]},
            total=True,
        )
    )
    table_rows.append(Row(key="events", label=_("Training sessions held"), cells={ALL: [len(events)]}))
    hours = float(sum(event.hours for event in events))
    table_rows.append(Row(key="hours", label=_("Hours of training held"), cells={ALL: [hours]}))
    return [
        Table(
            key=KEY,
            title=_("Training completed"),
            columns=[("value", _("Value"))],
            rows=table_rows,
            unit="mixed",
            chart=False,
            source=_("The district's training records and the SRO roster."),
            notes=_("The hours and topics each SRO must complete each year are a district setting."),
            dictionary={
                "met": _("SROs rostered in the school year who completed the required hours, overall and per topic."),
                "not_met": _("SROs rostered in the school year who had not completed them at its end."),
                "total": _("SROs rostered at a school of the district on some day of the school year."),
                "events": _("Training sessions of the district held in the school year."),
                "hours": _("The hours of those sessions added together (each session counted once)."),
            },
            hidden=hidden_cells(hidden),
        )
    ]


def published(*, district, school_year: int) -> Earlier:
    """What the latest release of ``district``'s ``school_year`` showed and hid of the SROs' counts, keyed as the
    public training page counts them ("sros", "met", "not_met"); nothing when the year has no release."""
    release = Release.objects.latest_of(district=district, school_year=school_year)
    table = next((t for t in release.snapshot.get("tables", []) if t["key"] == KEY), None) if release else None
    return earlier_of(table, 0, lambda _scope, row: SUMMARY_KEYS.get(row))
