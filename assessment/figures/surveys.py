"""Survey figures: the complainants' satisfaction (fair, clear, timely) and the headline of the year's climate survey.

The surveys' own results service counts and suppresses every number (``surveys.services.results.survey_results``,
school against district, the district's threshold); this module takes, for each agreement question, how many
answered and the share who agreed, for the district and each school, and freezes them in both languages. Comments
are never read. The satisfaction survey is a standing one whose answers carry no date, so its figures cover every
answer given up to the publication, whatever the school year: what the district's release published last (of any
year: it showed the same cells) showed and hid is handed to the results service, so a later release never gives
away a count an earlier one hid. The climate survey is the school year's own, checked against the year's previous
release.
"""

from django.utils.translation import gettext_lazy as _

from assessment.figures.base import ALL, SUPPRESSED, FigureContext, FrozenTable, both, earlier_of
from assessment.models import Release
from core.schoolyear import school_year_of
from core.suppression import Earlier
from surveys.models import Purpose, Survey
from surveys.services.results import SCHOOL, survey_results
from surveys.services.results_tables import ALL as EVERYONE
from surveys.services.results_tables import FAVOURABLE, N

SOURCE = _("The surveys' answers, counted and suppressed by the survey results.")
COLUMNS = [("answered", _("Answered")), ("agree", _("Agree (%)"))]
PERCENT_COLUMNS = {"agree"}
DICTIONARY = {
    "answered": _("People who answered the question (a suppressed count when too few)."),
    "agree": _("The share who agreed or strongly agreed, in per cent."),
}


def _value(shown) -> object:
    return SUPPRESSED if shown.suppressed else shown.value


def _earlier(previous: dict | None) -> dict[str, Earlier]:
    """The previous release's table as the results service keys it: ``(school, everyone, N)`` for the answers, and
    ``(school, everyone, FAVOURABLE)`` for a share agreeing it hid; by question code."""

    def cell(column):
        def key(scope, code):
            return code, (EVERYONE if scope == ALL else int(scope), EVERYONE, column)

        return key

    answered, agreed = earlier_of(previous, 0, cell(N)), earlier_of(previous, 1, cell(FAVOURABLE))
    hidden = answered.hidden | agreed.hidden
    codes = {code for code, _key in [*answered.shown, *hidden]}
    return {
        code: Earlier(
            shown={key: value for (c, key), value in answered.shown.items() if c == code},
            hidden=frozenset(key for c, key in hidden if c == code),
        )
        for code in codes
    }


def _survey_table(*, key: str, title, notes, survey: Survey | None, previous: dict | None) -> FrozenTable:
    rows = []
    if survey is not None:
        school_ids = [str(pk) for pk in dict(survey.schools.values_list("pk", "name"))]
        earlier = _earlier(previous)
        results = survey_results(survey=survey, visible_school_ids=None, by=SCHOOL, earlier=earlier)
        for result in results.questions:
            if not result.is_scale:
                continue
            # The service's rows: the survey's schools in order, anything without a school, the district last.
            scopes = [*zip(school_ids, result.rows, strict=False), (ALL, result.rows[-1])]
            cells = {scope: [_value(row.n), _value(row.favourable)] for scope, row in scopes}
            label = {"en": result.question.text_en, "es": result.question.text_es or result.question.text_en}
            rows.append({"key": result.question.code, "label": label, "cells": cells, "total": False})
    return FrozenTable(
        {
            "key": key,
            "survey": survey.pk if survey is not None else None,
            "title": both(title),
            "columns": [
                {"key": k, "label": both(label)} | ({"percent": True} if k in PERCENT_COLUMNS else {})
                for k, label in COLUMNS
            ],
            "rows": rows,
            "notes": both(notes),
            "unit": "mixed",
            "chart": False,
            "source": both(SOURCE),
            "dictionary": {k: both(text) for k, text in DICTIONARY.items()},
            "hidden": [
                [scope, row["key"], i]
                for row in rows
                for scope, values in row["cells"].items()
                for i, value in enumerate(values)
                if value == SUPPRESSED
            ],
        }
    )


def satisfaction(ctx: FigureContext) -> list[FrozenTable]:
    survey = (
        Survey.objects.filter(district=ctx.district, purpose=Purpose.COMPLAINT_SATISFACTION, published_at__isnull=False)
        .order_by("pk")
        .first()
    )
    return [
        _survey_table(
            key="complaint_satisfaction",
            title=_("Complainants' view of the process"),
            notes=_("Asked once after the outcome; every answer given so far, anonymous."),
            survey=survey,
            previous=ctx.latest_table("complaint_satisfaction"),
        )
    ]


def climate(ctx: FigureContext) -> list[FrozenTable]:
    """The year's latest published climate survey (opened in the school year)."""
    survey = (
        Survey.objects.filter(
            district=ctx.district,
            purpose=Purpose.CLIMATE,
            published_at__isnull=False,
            opens_on__range=(ctx.first, ctx.last),
        )
        .order_by("-opens_on", "-pk")
        .first()
    )
    return [
        _survey_table(
            key="climate_survey",
            title=_("Climate survey: headline results"),
            notes=_("The school year's climate survey: each agreement question."),
            survey=survey,
            previous=ctx.previous_table("climate_survey"),
        )
    ]


TABLES = {Purpose.COMPLAINT_SATISFACTION: "complaint_satisfaction", Purpose.CLIMATE: "climate_survey"}


def published_results(survey: Survey) -> dict[str, Earlier] | None:
    """What the district's release published last with ``survey``'s table showed and hid of it, by question code
    (the survey results page protects its numbers against it: ``surveys.published``); None when no release
    shows it. A release made before tables named their survey is read for the district's satisfaction survey
    (there is one) and not for a climate survey (which one it showed cannot be told)."""
    key = TABLES.get(survey.purpose)
    if key is None:
        return None
    standing = key == "complaint_satisfaction"
    releases = Release.objects.filter(district_id=survey.district_id)
    if not standing:  # a climate table shows a survey opened in its release's school year
        if survey.opens_on is None:
            return None
        releases = releases.filter(school_year=school_year_of(survey.opens_on))
    for release in releases.order_by("-published_at", "-pk"):
        table = next((t for t in release.snapshot.get("tables", []) if t["key"] == key), None)
        if table and table.get("survey", survey.pk if standing else None) == survey.pk:
            return _earlier(table)
    return None
