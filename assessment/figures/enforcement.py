"""Police enforcement figures: events by school, type and offence, and each subgroup's rate and risk ratio.

The activity reports count and suppress them (``activity.services.reports.public_enforcement_tables``: every table
is a line whose margin is the district's total, protected together); this module only freezes them in English and
Spanish for the snapshot, and hands the reports what the previous release of the year showed and hid, so nothing it
hid becomes derivable. They are the district's figures only.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from activity.services.rates import SUBGROUP_DIMENSIONS
from activity.services.reports import public_enforcement_tables
from assessment.figures.base import ALL, SUPPRESSED, TOTAL, FigureContext, FrozenTable, both, earlier_of
from core.suppression import Earlier

COUNT_TABLES = {"schools", "types", "offences"}
REPORT_KEYS = [*COUNT_TABLES, *(f"rates-{dimension}" for dimension in SUBGROUP_DIMENSIONS)]


def _cell(shown) -> object:
    if shown.suppressed:
        return SUPPRESSED
    return shown.value


def _snapshot_key(report_key: str) -> str:
    return f"enforcement_{report_key.replace('-', '_')}"


def _earlier(ctx: FigureContext) -> Earlier:
    """The previous release's enforcement counts, keyed as the reports count them."""
    shown, hidden = {}, set()
    for report_key in REPORT_KEYS:
        table = ctx.previous_table(_snapshot_key(report_key))
        found = earlier_of(table, 0, lambda _scope, row, name=report_key: TOTAL if row == TOTAL else (name, row))
        shown.update(found.shown)
        hidden |= found.hidden
    return Earlier(shown=shown, hidden=frozenset(hidden))


def _tables_by_language(ctx: FigureContext) -> dict[str, list]:
    found, earlier = {}, _earlier(ctx)
    for language in ("en", "es"):
        with translation.override(language):
            found[language] = public_enforcement_tables(
                district=ctx.district, school_year=ctx.school_year, threshold=ctx.threshold, earlier=earlier
            )
    return found


def events(ctx: FigureContext) -> list[FrozenTable]:
    found = _tables_by_language(ctx)
    tables = []
    for english, spanish in zip(found["en"], found["es"], strict=True):
        tables.append(_table(english, spanish))
    return tables


SOURCE = _("The SROs' enforcement records and the schools' enrolment.")
ALL_EVENTS = _("All enforcement events")
COUNT_DICTIONARY = [_("Enforcement events (arrests, citations, referrals and the like) recorded in the school year.")]
RATE_DICTIONARY = [
    _("Enforcement events involving a student of the group in the school year."),
    _("Students of the group enrolled in the district's schools."),
    _("Events per 1,000 students of the group enrolled."),
    _("The group's rate divided by the rate of all other students (1 means the same rate)."),
]


def _table(english, spanish) -> FrozenTable:
    counts = english.key in COUNT_TABLES
    rows = [
        {
            "key": str(row.key),
            "label": {"en": row.label, "es": other.label},
            "cells": {ALL: [_cell(cell) for cell in row.cells]},
            "total": False,
        }
        for row, other in zip(english.rows, spanish.rows, strict=True)
    ]
    if counts:
        rows.append({"key": TOTAL, "label": both(ALL_EVENTS), "cells": {ALL: [_cell(english.total)]}, "total": True})
    hidden = [[ALL, row["key"], i] for row in rows for i, c in enumerate(row["cells"][ALL]) if c == SUPPRESSED]
    columns = list(zip(english.columns[1:], spanish.columns[1:], strict=True))
    descriptions = COUNT_DICTIONARY if counts else RATE_DICTIONARY
    return FrozenTable(
        {
            "key": _snapshot_key(english.key),
            "title": {"en": english.title, "es": spanish.title},
            "columns": [{"key": f"c{i}", "label": {"en": en, "es": es}} for i, (en, es) in enumerate(columns)],
            "rows": rows,
            "notes": {"en": " ".join(english.notes), "es": " ".join(spanish.notes)},
            "unit": "count" if counts else "mixed",
            "chart": counts,
            "source": both(SOURCE),
            "dictionary": {f"c{i}": both(text) for i, text in enumerate(descriptions[: len(columns)])},
            "hidden": hidden,
        }
    )
