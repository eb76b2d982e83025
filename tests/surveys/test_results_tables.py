"""A reader holding every view the results page offers (the school-and-district
table and a subgroup breakdown) cannot work a small hidden cell back out by
adding and subtracting along schools, subgroups and answers."""

import random

from core.suppression import Line
from surveys.services.results_tables import ALL, N, _cell_lines, table_build
from tests.core.test_suppression import attack

T = 10
CHOICES = [1, 2, 3, 4, 5]


def _finest(rng, schools, groups):
    finest = {}
    for s in schools:
        for g in groups:
            if rng.random() < 0.2:
                continue
            for c in CHOICES:
                finest[(s, g, c)] = rng.choice([0, rng.randint(1, 9), rng.randint(10, 40)])
            finest[(s, g, N)] = sum(finest[(s, g, c)] for c in CHOICES)
    return finest


def _both_views(finest):
    options = {"favourable_ids": {4, 5}, "valued_ids": set(CHOICES), "threshold": T, "kind": "choices"}
    base = table_build(choice_ids=CHOICES, finest=finest, by_subgroup=False, **options)
    full = table_build(choice_ids=CHOICES, finest=finest, by_subgroup=True, base=base, **options)
    return base, full


def _true_counts(full):
    return dict(full.counts)


def _lines(base, full):
    return [*_cell_lines(base), *_cell_lines(full)]


def _favourable_lines(table, counts):
    """Each shown percent favourable (with its shown number of answers) gives
    the sum of the row's favourable cells: one more line for the reader."""
    lines = []
    for s, g in table.rows():
        if (s, g) in table.favourable_hidden:
            continue
        counts[("fav", s, g)] = sum(counts.get((s, g, c), 0) for c in (4, 5))
        lines.append(Line(("fav", s, g), ((s, g, 4), (s, g, 5))))
    return lines


def test_no_small_cell_comes_back_from_the_school_view_a_subgroup_view_and_their_percent_favourable():
    rng = random.Random(2026)
    for _ in range(120):
        schools = list(range(rng.randint(2, 4)))
        groups = ["girl", "boy", "nonbinary", ""][: rng.randint(2, 4)]
        base, full = _both_views(_finest(rng, schools, groups))
        counts = _true_counts(full)
        hidden = full.hidden | base.hidden
        lines = [*_lines(base, full), *_favourable_lines(base, counts), *_favourable_lines(full, counts)]
        known = attack(counts, lines, hidden)
        for key, value in counts.items():
            if 0 < value < T:
                assert key not in known, (key, value)


def test_the_school_view_and_the_subgroup_view_hide_the_same_school_and_district_cells():
    rng = random.Random(7)
    for _ in range(60):
        base, full = _both_views(_finest(rng, [1, 2, 3], ["girl", "boy", ""]))
        school_level = {k for k in full.counts if k[1] == ALL}
        assert full.hidden & school_level == base.hidden & school_level


def test_a_row_whose_number_of_answers_is_hidden_is_hidden_whole():
    finest = {(1, ALL, c): v for c, v in zip(CHOICES, [0, 0, 3, 2, 1], strict=True)}
    finest[(1, ALL, N)] = 6
    base, _full = _both_views({(s, "x", c): v for (s, _g, c), v in finest.items()})
    assert all((1, ALL, col) in base.hidden for col in [N, *CHOICES] if base.counts.get((1, ALL, col)))
    assert (1, ALL) in base.favourable_hidden and (1, ALL) in base.mean_hidden
