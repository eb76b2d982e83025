"""What every published table is made of, and the suppression every count goes through.

A table (``Table``) has rows, columns and, for every *scope*, one list of cells per row: the scope ``"all"`` is the
whole district, a school's scope is its id as text. A cell is a number, ``None`` (nothing to count) or ``SUPPRESSED``.

Counts come as a grid ``(scope, row) -> count`` (``CountGrid``): the district's cell of a row is the sum of the
schools' cells and the ``"total"`` row is the sum of the other rows, so a school's numbers with the district's can
never give a hidden one away (``core.suppression`` lines both ways). The grid of the previous release of the same
school year is passed in too: a cell it hid stays hidden, and a cell it showed with the same value cannot protect
another one (everybody already knows it), so the grid hides a cell whose value is new instead, or the line's margin.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.functional import lazy

from core.suppression import Earlier, Line, protect_after

ALL = "all"
TOTAL = "total"
SUPPRESSED = "S"


def both(text) -> dict[str, str]:
    """``text`` (a lazy translation or plain text) in English and Spanish, frozen for the snapshot."""
    result = {}
    for language in ("en", "es"):
        with translation.override(language):
            result[language] = str(text)
    return result


def _interpolated(text, values) -> str:
    return str(text) % values


interpolate = lazy(_interpolated, str)  # "%(name)s" filled in whichever language the text is read in


@dataclass
class Row:
    key: str
    label: object
    cells: dict[str, list] = field(default_factory=dict)  # scope -> one cell per column
    total: bool = False
    percent: bool = False  # its cells are percentages (the page writes "44,4 %", the CSV the bare number)

    def as_json(self) -> dict:
        row = {"key": self.key, "label": both(self.label), "cells": self.cells, "total": self.total}
        return {**row, "percent": True} if self.percent else row


@dataclass
class Table:
    """One published table. ``unit`` says what a cell counts (``count``, ``days``, ``percent``, ``text``);
    ``chart`` whether the dashboard draws it; ``dictionary`` describes every column for the data dictionary."""

    key: str
    title: object
    columns: list[tuple[str, object]]
    rows: list[Row]
    notes: object = ""
    unit: str = "count"
    chart: bool = True
    source: object = ""
    dictionary: dict[str, object] = field(default_factory=dict)
    hidden: list[list] = field(default_factory=list)  # (scope, row, column index) of every suppressed count

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "title": both(self.title),
            "columns": [{"key": key, "label": both(label)} for key, label in self.columns],
            "rows": [row.as_json() for row in self.rows],
            "notes": both(self.notes) if self.notes else {"en": "", "es": ""},
            "unit": self.unit,
            "chart": self.chart,
            "source": both(self.source) if self.source else {"en": "", "es": ""},
            "dictionary": {key: both(text) for key, text in self.dictionary.items()},
            "hidden": sorted(self.hidden),
        }


@dataclass
class FrozenTable:
    """A table another app already counted, suppressed and put in both languages: its snapshot form as is."""

    data: dict

    def as_json(self) -> dict:
        return self.data


def earlier_of(previous: Mapping | None, column: int = 0, key: Callable | None = None) -> Earlier:
    """What a previous release's table showed and hid in its ``column``, keyed ``(scope, row)``, or
    ``key(scope, row)`` for tables counted elsewhere (``None`` from ``key`` leaves a cell out)."""
    key = key or (lambda scope, row: (scope, row))
    if not previous:
        return Earlier()
    hidden = {(scope, row) for scope, row, col in previous.get("hidden", []) if col == column}
    shown = {}
    for row in previous.get("rows", []):
        for scope, cells in row.get("cells", {}).items():
            value = cells[column] if len(cells) > column else None
            if isinstance(value, int) and (scope, row["key"]) not in hidden:
                shown[key(scope, row["key"])] = value
    shown.pop(None, None)
    return Earlier(shown=shown, hidden=frozenset(key(scope, row) for scope, row in hidden) - {None})


@dataclass
class CountGrid:
    """Counts by scope and row, with the district (``ALL``) and ``TOTAL`` margins added."""

    scopes: list[str]  # the schools' scopes
    rows: list[str]  # the rows' keys, without TOTAL
    counts: dict[tuple[str, str], int]

    @classmethod
    def build(cls, *, scopes: Iterable[str], rows: Iterable[str], counts: Mapping[tuple[str, str], int]) -> "CountGrid":
        scopes, rows = [str(s) for s in scopes], list(rows)
        full = {(scope, row): int(counts.get((scope, row), 0)) for scope in scopes for row in rows}
        for row in rows:
            # Without schools (a district-wide table) the district's counts are given as they are.
            district = sum(full[(scope, row)] for scope in scopes) if scopes else counts.get((ALL, row), 0)
            full[(ALL, row)] = int(district)
        for scope in [*scopes, ALL]:
            full[(scope, TOTAL)] = sum(full[(scope, row)] for row in rows)
        return cls(scopes=scopes, rows=rows, counts=full)

    def lines(self) -> list[Line]:
        every_row = [*self.rows, TOTAL]
        across = [Line((scope, TOTAL), tuple((scope, row) for row in self.rows)) for scope in [*self.scopes, ALL]]
        down = [Line((ALL, row), tuple((scope, row) for scope in self.scopes)) for row in every_row]
        return across + down

    def protect(self, *, threshold: int, previous: Mapping | None = None, column: int = 0) -> set[tuple[str, str]]:
        """Every cell to hide: small ones, their complements, and what the previous release's table (its
        ``column``) asks (module doc)."""
        earlier = earlier_of(previous, column)
        return protect_after(self.counts, self.lines(), threshold=threshold, earlier=earlier)


def count_rows(
    grid: CountGrid,
    hidden: set,
    *,
    labels: Mapping[str, object],
    total_label: object,
    with_total: bool = True,
) -> list[Row]:
    """One ``Row`` per grid row (and the total), each with one count cell per scope."""
    keys = [*grid.rows, TOTAL] if with_total else list(grid.rows)
    rows = []
    for key in keys:
        cells = {}
        for scope in [ALL, *grid.scopes]:
            cells[scope] = [SUPPRESSED if (scope, key) in hidden else grid.counts[(scope, key)]]
        rows.append(Row(key=key, label=total_label if key == TOTAL else labels[key], cells=cells, total=key == TOTAL))
    return rows


def count_table(
    *,
    key: str,
    title,
    column,
    grid: CountGrid,
    threshold: int,
    previous: Mapping | None,
    labels: Mapping[str, object],
    total_label,
    **extra,
) -> Table:
    """A table of one count column, every cell suppressed as the module doc says."""
    hidden = grid.protect(threshold=threshold, previous=previous)
    rows = count_rows(grid, hidden, labels=labels, total_label=total_label)
    return Table(
        key=key,
        title=title,
        columns=[("count", column)],
        rows=rows,
        hidden=hidden_cells(hidden),
        **extra,
    )


@dataclass(frozen=True)
class FigureContext:
    """What every figure function is given: the district, the school year (its first and last day), the
    district's threshold, its schools, the previous release's tables of the same year by key, and the tables of
    the district's release published last, of any year (``latest``)."""

    district: object
    school_year: int
    threshold: int
    schools: list
    first: object
    last: object
    previous: Mapping[str, dict] = field(default_factory=dict)
    latest: Mapping[str, dict] = field(default_factory=dict)
    publishing: Mapping | None = None

    @property
    def scopes(self) -> list[str]:
        return [str(school.pk) for school in self.schools]

    def previous_table(self, key: str) -> dict | None:
        return self.previous.get(key)

    def latest_table(self, key: str) -> dict | None:
        """The table as last published in any school year: what a figure that does not depend on the school year
        (it counts everything so far) must be suppressed against, since that release showed the same cells."""
        return self.latest.get(key)


def hidden_cells(hidden: Iterable[tuple[str, str]], column: int = 0) -> list[list]:
    """The suppressed cells as the snapshot keeps them (the next release of the year reads them)."""
    return [[scope, row, column] for scope, row in sorted(hidden)]


FigureFunction = Callable[[FigureContext], list[Table]]
