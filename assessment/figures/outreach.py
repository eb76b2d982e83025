"""Outreach figures: the SROs' outreach activities (activity.OutreachActivity) by kind and school."""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from activity.models import OutreachActivity, OutreachKind
from assessment.figures.base import CountGrid, FigureContext, Table, count_table


def activities(ctx: FigureContext) -> list[Table]:
    rows = (
        OutreachActivity.objects.filter(school__district=ctx.district, date__range=(ctx.first, ctx.last))
        .values("school_id", "kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    grid = CountGrid.build(
        scopes=ctx.scopes, rows=OutreachKind.values, counts={(str(r["school_id"]), r["kind"]): r["n"] for r in rows}
    )
    return [
        count_table(
            key="outreach_activities",
            title=_("Outreach activities"),
            column=_("Activities"),
            grid=grid,
            threshold=ctx.threshold,
            previous=ctx.previous_table("outreach_activities"),
            labels=dict(OutreachKind.choices),
            total_label=_("All outreach activities"),
            source=_("The SROs' activity records."),
            notes=_("School and community outreach the SROs recorded in the school year."),
            dictionary={"count": _("Outreach activities of that kind recorded in the school year.")},
        )
    ]
