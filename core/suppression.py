"""Small-cell suppression: the one service every results page, chart, export
and public number goes through.

A number counted from fewer people than the district's threshold is never
shown (primary suppression), and enough other numbers are hidden with it that
no hidden number can be worked back out from the ones shown (complementary
suppression).

A table is a mapping ``key -> count`` plus its *lines*: each line says that
one cell (its margin, a total) is the sum of some other cells (its members).
A row of answers and its number of respondents is a line; a column of
schools and the district's count in that column is a line; so is a column of
subgroups and the school's own count. The rule for every line:

* if its margin is shown, its hidden members are either none, or at least two
  whose sum is at least the threshold (one hidden cell would be the margin
  minus the shown ones; two tiny ones would still give away a tiny sum);
* if its margin is hidden, at least one member is hidden too (else the
  margin is the sum of the shown members).

Cells are hidden one at a time, smallest first, until every line keeps the
rule; hiding only ever adds, so this ends. Numbers derived from several
cells (a percentage favourable, a mean) are shown only when they tell
nothing the shown cells do not (``part_is_safe``, ``mean_is_safe``), and a
column of such numbers over several groups gets the same line rule
(``protect_line``).

Figures published again (a later release of the same school year's
dashboard) must not give away what an earlier release hid:
``protect_after`` keeps every cell the earlier release hid hidden, never
counts on a cell it showed with the same value to protect another (everybody
already knows it), and hides a line's margin when nothing else can protect
it (``Earlier`` says what the earlier release showed and hid).

Pure functions; no Django, no app imports.
"""

from collections.abc import Callable, Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

Key = Hashable


@dataclass(frozen=True)
class Line:
    """``margin`` is the sum of ``members`` (all keys of one table)."""

    margin: Key
    members: tuple[Key, ...]


def is_small(count: int | None, threshold: int) -> bool:
    """Whether ``count`` people are too few to show (zero is not: nobody is
    described by it)."""
    return count is not None and 0 < count < threshold


def primary_hidden(counts: Mapping[Key, int], *, threshold: int) -> set[Key]:
    """The keys whose own count is too small to show."""
    return {key for key, count in counts.items() if is_small(count, threshold)}


def _candidates(counts: Mapping[Key, int], members: Iterable[Key], hidden: Collection[Key]) -> list[Key]:
    # Smallest non-zero cell first (a hidden zero protects no one); ties in a
    # stable order so the same data always hides the same cells.
    shown = [key for key in members if key not in hidden]
    return sorted(shown, key=lambda key: (counts.get(key, 0) == 0, counts.get(key, 0), repr(key)))


def _line_needs(counts: Mapping[Key, int], line: Line, hidden: Collection[Key], threshold: int) -> bool:
    members_hidden = [key for key in line.members if key in hidden]
    if line.margin in hidden:
        return not members_hidden and any(counts.get(key, 0) for key in line.members)
    if not members_hidden:
        return False
    return len(members_hidden) == 1 or sum(counts.get(key, 0) for key in members_hidden) < threshold


def protect_lines(
    counts: Mapping[Key, int],
    lines: Iterable[Line],
    *,
    threshold: int,
    hidden: Iterable[Key] = (),
    fixed: Collection[Key] = (),
) -> set[Key]:
    """Every key to hide so that no line gives a hidden cell away: the small
    cells, ``hidden`` (already decided, e.g. by a table this one extends) and
    the complementary cells the lines need. ``fixed`` keys (cells another view
    already shows) are never hidden here."""
    lines = list(lines)
    result = set(hidden) | primary_hidden(counts, threshold=threshold)
    changed = True
    while changed:
        changed = False
        for line in lines:
            while _line_needs(counts, line, result, threshold):
                options = [key for key in _candidates(counts, line.members, result) if key not in fixed]
                if not options:
                    break
                result.add(options[0])
                changed = True
    return result


@dataclass(frozen=True)
class Earlier:
    """What an earlier release of the same figures published: the values it ``shown`` by key, and the keys it
    ``hidden``."""

    shown: Mapping[Key, int] = field(default_factory=dict)
    hidden: frozenset = frozenset()


def protect_after(
    counts: Mapping[Key, int],
    lines: Iterable[Line],
    *,
    threshold: int,
    earlier: Earlier | None = None,
    hidden: Iterable[Key] = (),
    fixed: Collection[Key] = (),
) -> set[Key]:
    """``protect_lines`` for figures ``earlier`` already published (module doc)."""
    if earlier is None:
        return protect_lines(counts, lines, threshold=threshold, hidden=hidden, fixed=fixed)
    lines = list(lines)
    known = {key for key, value in earlier.shown.items() if counts.get(key) == value}
    start = set(hidden) | {key for key in earlier.hidden if key in counts}
    while True:
        result = protect_lines(counts, lines, threshold=threshold, hidden=start, fixed=known | set(fixed))
        # A line whose only possible complements are already known: hide its margin instead.
        stuck = {
            line.margin
            for line in lines
            if line.margin not in result
            and line.margin not in fixed
            and _unprotected(counts, line, result, known, threshold)
        }
        if not stuck:
            return result
        start = result | stuck


def _unprotected(counts: Mapping[Key, int], line: Line, hidden: Collection[Key], known: Collection[Key], threshold):
    unknown = [key for key in line.members if key in hidden and key not in known]
    if not unknown:
        return False
    return len(unknown) == 1 or sum(counts.get(key, 0) for key in unknown) < threshold


def protect_line(values: Mapping[Key, int], hidden: Iterable[Key], *, threshold: int, margin_hidden: bool = False):
    """One line on its own (e.g. the favourable counts of every subgroup, whose
    sum is the school's favourable count): ``hidden`` plus what the line needs.
    ``values`` are the members' counts."""
    margin = object()
    counts = dict(values)
    counts[margin] = sum(values.values())
    start = set(hidden) | ({margin} if margin_hidden else set())
    return protect_lines(counts, [Line(margin, tuple(values))], threshold=threshold, hidden=start, fixed={margin}) - {
        margin
    }


def part_is_safe(
    counts: Mapping[Key, int], hidden: Collection[Key], parts: Iterable[Collection[Key]], *, threshold: int
) -> bool:
    """Whether sums over ``parts`` (e.g. favourable, neutral and unfavourable
    answers of one row) can be shown beside the row's shown cells: each part
    holds no hidden cell, or at least two hidden cells that add up to at least
    the threshold, as the line rule asks of a whole row."""
    for part in parts:
        inside = [key for key in part if key in hidden]
        if inside and (len(inside) == 1 or sum(counts.get(key, 0) for key in inside) < threshold):
            return False
    return True


def mean_is_safe(n: int, hidden_cells: Collection[Key], *, threshold: int) -> bool:
    """Whether a mean over ``n`` answers can be shown: enough people, and none
    of the cells it is computed from hidden (a mean with the row's total would
    otherwise solve for two hidden cells)."""
    return n >= threshold and not hidden_cells


@dataclass(frozen=True)
class Shown:
    """A value as a page may show it: ``value`` is None when suppressed."""

    value: float | int | None
    suppressed: bool

    @classmethod
    def of(cls, value, suppressed: bool) -> "Shown":
        return cls(None if suppressed else value, suppressed)


def shown(counts: Mapping[Key, int], hidden: Collection[Key]) -> Callable[[Key], Shown]:
    """A lookup ``key -> Shown`` over a protected table."""

    def lookup(key: Key) -> Shown:
        return Shown.of(counts.get(key, 0), key in hidden)

    return lookup


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None
