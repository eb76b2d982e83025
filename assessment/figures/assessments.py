"""The published assessments: every release of the district, newest first, with its assessment's headline in
English and Spanish."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.figures.base import ALL, FigureContext, Row, Table
from core.schoolyear import school_year_label


def _headline(assessment: dict) -> dict[str, str]:
    english = str(assessment.get("summary", ""))
    return {"en": english, "es": str(assessment.get("summary_es") or english)}


def published(ctx: FigureContext) -> list[Table]:
    from assessment.models import Release

    entries = [
        (release.school_year, release.version, release.published_at, release.assessment)
        for release in Release.objects.filter(district=ctx.district)
    ]
    if ctx.publishing:
        new = ctx.publishing
        entries.append((new["school_year"], new["version"], new["published_at"], new["assessment"]))
    entries.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    rows = [
        Row(
            key=f"{year}-v{version}",
            label=school_year_label(year),
            cells={ALL: [version, timezone.localdate(published_at).isoformat(), _headline(assessment)]},
        )
        for year, version, published_at, assessment in entries
    ]
    return [
        Table(
            key="published_assessments",
            title=_("Published assessments"),
            columns=[("version", _("Version")), ("published", _("Published")), ("summary", _("Summary"))],
            rows=rows,
            unit="text",
            chart=False,
            source=_("The annual assessments approved and published by the district and the police agency."),
            notes=_("Earlier releases, as published; a correction is a new version."),
            dictionary={
                "version": _("The release's version: 1 for the first publication, one more for each correction."),
                "published": _("The day it was published."),
                "summary": _("The assessment's summary as approved."),
            },
        )
    ]
