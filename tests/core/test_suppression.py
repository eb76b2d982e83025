"""Small-cell suppression: what a reader can and cannot work out from the
numbers shown."""

import itertools
import random

from core.suppression import (
    Earlier,
    Line,
    Shown,
    mean_is_safe,
    part_is_safe,
    primary_hidden,
    protect_after,
    protect_line,
    protect_lines,
)

T = 10


def attack(counts, lines, hidden):
    """What a reader recovers from the shown cells by subtracting along every
    line until nothing more comes out (a line with one unknown gives it away)."""
    known = {key: value for key, value in counts.items() if key not in hidden}
    progress = True
    while progress:
        progress = False
        for line in lines:
            cells = [line.margin, *line.members]
            unknown = [key for key in cells if key not in known]
            if len(unknown) != 1:
                continue
            (key,) = unknown
            if key == line.margin:
                known[key] = sum(known[m] for m in line.members)
            else:
                known[key] = known[line.margin] - sum(known[m] for m in line.members if m != key)
            progress = True
    return known


def small_sums_exposed(counts, lines, hidden, known):
    """Lines whose shown margin gives away a small total of hidden cells."""
    exposed = []
    for line in lines:
        if line.margin not in known:
            continue
        unknown = [m for m in line.members if m not in known]
        total = sum(counts[m] for m in unknown)
        if unknown and 0 < total < T:
            exposed.append(line)
    return exposed


def row_table(cells):
    counts = {("row", i): c for i, c in enumerate(cells)}
    counts["total"] = sum(cells)
    return counts, [Line("total", tuple(k for k in counts if k != "total"))]


def test_a_count_below_the_threshold_is_hidden_and_zero_and_larger_ones_are_not():
    assert primary_hidden({"a": 9, "b": 10, "c": 0, "d": 1}, threshold=T) == {"a", "d"}


def test_one_small_cell_in_a_row_takes_the_next_smallest_with_it_so_the_total_cannot_give_it_back():
    counts, lines = row_table([45, 30, 3])
    hidden = protect_lines(counts, lines, threshold=T)
    assert ("row", 2) in hidden and ("row", 1) in hidden
    assert ("row", 2) not in attack(counts, lines, hidden)


def test_two_tiny_hidden_cells_are_not_enough_when_their_sum_is_below_the_threshold():
    counts, lines = row_table([45, 30, 3, 2])
    hidden = protect_lines(counts, lines, threshold=T)
    assert {("row", 2), ("row", 3), ("row", 1)} <= hidden
    known = attack(counts, lines, hidden)
    assert not small_sums_exposed(counts, lines, hidden, known)


def test_a_hidden_total_is_not_left_as_the_sum_of_shown_cells():
    counts = {"a": 25, "b": 30, "ab": 55}
    lines = [Line("ab", ("a", "b"))]
    hidden = protect_lines(counts, lines, threshold=T, hidden={"ab"})
    assert "ab" not in attack(counts, lines, hidden)


def _table(schools, groups, rng, small_rate=0.3):
    """A school x group table of counts with its margins (schools add up to the
    district, groups add up to each school)."""
    counts = {}
    for s, g in itertools.product(range(schools), range(groups)):
        counts[(s, g)] = rng.randint(1, 9) if rng.random() < small_rate else rng.randint(10, 60)
    for s in range(schools):
        counts[(s, "*")] = sum(counts[(s, g)] for g in range(groups))
    for g in range(groups):
        counts[("*", g)] = sum(counts[(s, g)] for s in range(schools))
    counts[("*", "*")] = sum(counts[(s, "*")] for s in range(schools))
    lines = [Line((s, "*"), tuple((s, g) for g in range(groups))) for s in range(schools)]
    lines += [Line(("*", g), tuple((s, g) for s in range(schools))) for g in range(groups)]
    lines.append(Line(("*", "*"), tuple((s, "*") for s in range(schools))))
    lines.append(Line(("*", "*"), tuple(("*", g) for g in range(groups))))
    return counts, lines


def test_no_small_cell_can_be_recovered_from_row_and_column_totals_in_many_random_tables():
    rng = random.Random(11)
    for _ in range(300):
        counts, lines = _table(rng.randint(2, 6), rng.randint(2, 5), rng)
        hidden = protect_lines(counts, lines, threshold=T)
        known = attack(counts, lines, hidden)
        for key, value in counts.items():
            if 0 < value < T:
                assert key not in known, (counts, hidden)
        assert not small_sums_exposed(counts, lines, hidden, known)


def test_cells_another_view_already_shows_stay_as_they_are():
    rng = random.Random(5)
    counts, lines = _table(3, 3, rng)
    base = {k for k in counts if k[1] == "*"}
    base_hidden = protect_lines(counts, [line for line in lines if all(m in base for m in line.members)], threshold=T)
    hidden = protect_lines(counts, lines, threshold=T, hidden=base_hidden & base, fixed=base - base_hidden)
    assert hidden & base == base_hidden & base


def test_a_subgroup_whose_complement_in_the_school_is_small_is_hidden_too():
    # 48 girls among 52: showing the girls' count and the school's would give the 4 others away.
    counts = {"girls": 48, "others": 4, "school": 52}
    lines = [Line("school", ("girls", "others"))]
    hidden = protect_lines(counts, lines, threshold=T)
    assert hidden == {"girls", "others"}


def test_a_column_of_derived_counts_hides_a_second_group_when_one_is_hidden():
    hidden = protect_line({"a": 30, "b": 12, "c": 40}, {"b"}, threshold=T)
    assert hidden == {"a", "b"}


def test_a_column_of_derived_counts_with_nothing_hidden_stays_shown():
    assert protect_line({"a": 30, "b": 12}, set(), threshold=T) == set()


def test_a_percentage_over_a_part_holding_one_hidden_cell_is_not_shown():
    counts = {"sd": 3, "d": 20, "a": 14, "sa": 40}
    hidden = {"sd", "a"}
    favourable, other = {"a", "sa"}, {"sd", "d"}
    assert not part_is_safe(counts, hidden, [favourable, other], threshold=T)
    assert part_is_safe(counts, {"sd", "d"}, [favourable, other], threshold=T)


def test_a_mean_is_shown_only_from_enough_answers_and_no_hidden_cell():
    assert mean_is_safe(40, set(), threshold=T)
    assert not mean_is_safe(9, set(), threshold=T)
    assert not mean_is_safe(40, {"sd"}, threshold=T)


def test_a_suppressed_value_carries_no_number():
    assert Shown.of(4, True).value is None
    assert Shown.of(40, False).value == 40


def test_hiding_only_the_small_cells_would_let_a_reader_subtract_them_back():
    # The attack these tests use does find a cell when complementary suppression is missing.
    counts, lines = row_table([45, 30, 3])
    known = attack(counts, lines, primary_hidden(counts, threshold=T))
    assert known[("row", 2)] == 3


def test_a_second_publication_recovers_nothing_the_first_one_hid_even_reading_both():
    lines = [Line("total", ("a", "b", "c", "d"))]
    first = {"total": 35, "a": 20, "b": 3, "c": 12, "d": 0}
    hidden_first = protect_lines(first, lines, threshold=T)
    assert hidden_first == {"b", "c"}
    second = {**first, "d": 11, "total": 46}
    shown_first = {key: value for key, value in first.items() if key not in hidden_first}
    earlier = Earlier(shown=shown_first, hidden=frozenset(hidden_first))
    hidden_second = protect_after(second, lines, threshold=T, earlier=earlier)
    # Both releases read together: an unchanged cell is the same number in each.
    unchanged = [Line(("2", k), (("1", k),)) for k in first if first[k] == second[k]]
    twice = [Line((r, x.margin), tuple((r, m) for m in x.members)) for r in ("1", "2") for x in lines]
    counts = {**{("1", k): v for k, v in first.items()}, **{("2", k): v for k, v in second.items()}}
    hidden = {("1", k) for k in hidden_first} | {("2", k) for k in hidden_second}
    assert ("1", "b") not in attack(counts, twice + unchanged, hidden)
    assert ("2", "b") not in attack(counts, twice + unchanged, hidden)
    assert protect_lines(second, lines, threshold=T) == {"b", "d"}  # alone it would have shown c


def test_a_line_left_with_only_known_complements_hides_its_margin():
    earlier = Earlier(shown={"total": 47, "a": 20, "b": 15, "c": 12}, hidden=frozenset())
    second = {"total": 49, "a": 20, "b": 15, "c": 12, "d": 2}
    lines = [Line("total", ("a", "b", "c", "d"))]
    assert protect_after(second, lines, threshold=T, earlier=earlier) == {"d", "total"}
