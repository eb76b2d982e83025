"""The tables behind the results page, built from GROUP BY counts and
protected with ``core.suppression``.

One question's table is keyed ``(school, subgroup, column)``: ``school`` is a
school id (``None`` for responses without a school) or ``ALL`` (the
district), ``subgroup`` a demographic value or ``ALL`` (everyone), and
``column`` a choice id, ``("not", choice id)`` for people who did not pick a
choice of a multiple-choice question, or ``N`` (answers). Schools add up to the district and subgroups
to their school, so the table has lines along all three directions.

The school-vs-district table (subgroup ``ALL`` only) is protected first and
on its own; a subgroup breakdown starts from its hidden cells and never hides
one it shows, so every view of the same numbers hides the same cells.

A table published before (the public dashboard's earlier release of the year)
comes as a ``core.suppression.Earlier`` over the same keys, with
``(school, subgroup, FAVOURABLE)`` for a row whose percent favourable it hid:
nothing it hid becomes shown or derivable (``protect_after``).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.suppression import Earlier, Line, part_is_safe, protect_after, protect_lines

ALL = "*"
N = "n"
FAVOURABLE = "favourable"


@dataclass
class QuestionTable:
    """One question's counts and what suppression hides in them."""

    kind: str  # "choices", "multiple" or "number"
    choice_ids: list[int]
    schools: list  # school ids (and None), without ALL
    groups: list  # subgroup values, without ALL; empty for the school-vs-district table
    counts: dict = field(default_factory=dict)
    sums: dict = field(default_factory=dict)  # (school, subgroup) -> sum of a number question's answers
    hidden: set = field(default_factory=set)
    # Rows (school, subgroup) whose percent favourable / mean is withheld.
    favourable_hidden: set = field(default_factory=set)
    mean_hidden: set = field(default_factory=set)

    @property
    def school_keys(self) -> list:
        return [*self.schools, ALL]

    @property
    def group_keys(self) -> list:
        return [*self.groups, ALL]

    def rows(self) -> list[tuple]:
        return [(s, g) for s in self.school_keys for g in self.group_keys]

    def columns(self) -> list:
        if self.kind == "multiple":
            return [N, *self.choice_ids, *[("not", c) for c in self.choice_ids]]
        if self.kind == "number":
            return [N]
        return [N, *self.choice_ids]


def add_margins(counts: dict, schools: Sequence, groups: Sequence, columns: Iterable) -> None:
    """Fills the ``ALL`` rows of ``counts`` (keys at the finest level) by
    adding up schools, subgroups and both."""
    columns = list(columns)
    for col in columns:
        for g in groups:
            counts[(ALL, g, col)] = sum(counts.get((s, g, col), 0) for s in schools)
        for s in [*schools, ALL]:
            counts[(s, ALL, col)] = sum(counts.get((s, g, col), 0) for g in groups)


def _cell_lines(table: QuestionTable) -> list[Line]:
    lines = []
    for s, g in table.rows():
        if table.kind == "multiple":
            lines += [Line((s, g, N), ((s, g, c), (s, g, ("not", c)))) for c in table.choice_ids]
        elif table.kind == "choices":
            lines.append(Line((s, g, N), tuple((s, g, c) for c in table.choice_ids)))
    for col in table.columns():
        for g in table.group_keys:
            lines.append(Line((ALL, g, col), tuple((s, g, col) for s in table.schools)))
        if table.groups:
            for s in table.school_keys:
                lines.append(Line((s, ALL, col), tuple((s, g, col) for g in table.groups)))
    return lines


def row_lines(table: QuestionTable) -> list[Line]:
    """Lines between whole rows: schools add up to the district, subgroups to their school."""
    lines = [Line((ALL, g), tuple((s, g) for s in table.schools)) for g in table.group_keys]
    if table.groups:
        lines += [Line((s, ALL), tuple((s, g) for g in table.groups)) for s in table.school_keys]
    return lines


def protect_cells(
    table: QuestionTable, *, threshold: int, base: QuestionTable | None = None, earlier: Earlier | None = None
) -> None:
    """Sets ``table.hidden``: small cells, their complements, and every cell of
    a row whose number of answers is hidden (a percentage would give it back)."""
    seeded = set(base.hidden) if base else set()
    fixed = set(base.counts) - seeded if base else set()
    lines = _cell_lines(table)
    hidden = seeded
    while True:
        hidden = protect_after(table.counts, lines, threshold=threshold, earlier=earlier, hidden=hidden, fixed=fixed)
        rows_without_n = {(s, g) for (s, g, col) in hidden if col == N}
        grown = hidden | {(s, g, col) for (s, g) in rows_without_n for col in table.columns()}
        if grown == hidden:
            break
        hidden = grown
    table.hidden = hidden


def row_hidden_cells(table: QuestionTable, row: tuple) -> set:
    s, g = row
    return {col for col in table.columns() if (s, g, col) in table.hidden}


def favourable_count(table: QuestionTable, row: tuple, favourable_ids: set[int]) -> int:
    s, g = row
    return sum(table.counts.get((s, g, c), 0) for c in favourable_ids)


def protect_derived(
    table: QuestionTable,
    *,
    threshold: int,
    favourable_ids: set[int],
    valued_ids: set[int],
    base: QuestionTable | None = None,
    earlier: Earlier | None = None,
) -> None:
    """Sets which rows may show a percent favourable and a mean: only rows
    whose shown cells already tell as much, then the row lines' rule so one
    withheld row cannot be worked out from the others and the total."""
    rows = table.rows()
    n_of = {row: table.counts.get((*row, N), 0) for row in rows}
    fav_start, mean_start = set(), set()
    for row in rows:
        hidden_cols = row_hidden_cells(table, row)
        if N in hidden_cols:
            fav_start.add(row)
            mean_start.add(row)
            continue
        if favourable_ids:
            counts = {c: table.counts.get((*row, c), 0) for c in table.choice_ids}
            rest = set(table.choice_ids) - favourable_ids
            if not part_is_safe(counts, hidden_cols, [favourable_ids, rest], threshold=threshold):
                fav_start.add(row)
        if hidden_cols & valued_ids or n_of[row] < threshold:
            mean_start.add(row)
    lines = row_lines(table)
    fav_counts = {row: favourable_count(table, row, favourable_ids) for row in rows}
    fav_fixed = _shown_rows(base.favourable_hidden, base) if base else set()
    mean_fixed = _shown_rows(base.mean_hidden, base) if base else set()
    seed_fav = fav_start | (base.favourable_hidden if base else set())
    seed_fav |= {(s, g) for (s, g, col) in (earlier.hidden if earlier else ()) if col == FAVOURABLE}
    seed_mean = mean_start | (base.mean_hidden if base else set())
    table.favourable_hidden = protect_lines(fav_counts, lines, threshold=threshold, hidden=seed_fav, fixed=fav_fixed)
    table.mean_hidden = protect_lines(n_of, lines, threshold=threshold, hidden=seed_mean, fixed=mean_fixed)


def _shown_rows(hidden_rows: set, base: QuestionTable) -> set:
    return {row for row in base.rows() if row not in hidden_rows}


def _school_order(ids) -> list:
    return sorted(set(ids), key=lambda s: (s is None, s or 0))


def table_build(
    *,
    kind: str,
    choice_ids: list,
    finest: dict,
    by_subgroup: bool,
    threshold: int,
    favourable_ids: set,
    valued_ids: set,
    base: QuestionTable | None = None,
    earlier: Earlier | None = None,
) -> QuestionTable:
    """One question's protected table from its finest counts
    (``(school, subgroup, column) -> count``, ``"sum"`` columns for number
    questions): the school-vs-district table, or with ``by_subgroup`` the
    subgroup table on top of ``base`` (the former, already protected).
    ``earlier``: what a previous publication showed and hid (module doc)."""
    schools = _school_order(s for (s, _g, _c) in finest)
    groups = sorted({g for (_s, g, _c) in finest}) if by_subgroup else []
    table = QuestionTable(kind=kind, choice_ids=list(choice_ids), schools=schools, groups=groups)
    if base is not None:
        table.schools = _school_order([*schools, *base.schools])
    columns = table.columns()
    wanted = set(columns)
    if by_subgroup:
        table.counts = {k: v for k, v in finest.items() if k[2] in wanted}
        add_margins(table.counts, table.schools, table.groups, columns)
    else:
        collapsed = defaultdict(int)
        for (s, _g, c), v in finest.items():
            if c in wanted:
                collapsed[(s, ALL, c)] += v
        table.counts = dict(collapsed)
        for col in columns:
            table.counts[(ALL, ALL, col)] = sum(table.counts.get((s, ALL, col), 0) for s in table.schools)
    table.sums = _sum_margins({(s, g): v for (s, g, c), v in finest.items() if c == "sum"}, by_subgroup)
    protect_cells(table, threshold=threshold, base=base, earlier=earlier)
    derived = {"favourable_ids": favourable_ids, "valued_ids": valued_ids}
    protect_derived(table, threshold=threshold, base=base, earlier=earlier, **derived)
    return table


def _sum_margins(sums: dict, by_subgroup: bool) -> dict:
    collapsed = defaultdict(int)
    for (s, g), v in sums.items():
        for school in (s, ALL):
            collapsed[(school, g if by_subgroup else ALL)] += v
            if by_subgroup:
                collapsed[(school, ALL)] += v
    return dict(collapsed)
