"""What one result row says (a school, a subgroup or a year, for one
question), read from a protected ``QuestionTable``: nothing hidden there
leaves here as a number."""

from dataclasses import dataclass

from core.i18n import pick
from core.suppression import Shown, percent
from surveys.models import Question, QuestionKind
from surveys.scales import favourable_values
from surveys.services.results_tables import N, QuestionTable, favourable_count


@dataclass(frozen=True)
class ResultRow:
    """One group's numbers for one question (a school, a subgroup or a year)."""

    label: str
    n: Shown
    counts: list[Shown]
    percents: list[Shown]
    favourable: Shown
    favourable_without_neutral: Shown
    mean: Shown


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    text: str
    choice_labels: list[str]
    rows: list[ResultRow]

    @property
    def is_scale(self) -> bool:
        return self.question.is_scale

    @property
    def is_number(self) -> bool:
        return self.question.kind == QuestionKind.NUMBER


def favourable_ids(question: Question) -> set[int]:
    if not question.is_scale:
        return set()
    values = favourable_values(question.kind, question.reverse_scored)
    return {c.pk for c in question.choices.all() if c.value in values}


def question_result(question: Question, cells: list[tuple[QuestionTable, tuple]], labels: list[str]):
    choices = list(question.choices.all())
    rows = [
        _row(question, choices, table, key, label) if table is not None else _empty_row(choices, label)
        for (table, key), label in zip(cells, labels, strict=True)
    ]
    return QuestionResult(
        question=question,
        text=pick(question, "text"),
        choice_labels=[pick(c, "label") for c in choices],
        rows=rows,
    )


def _empty_row(choices, label) -> ResultRow:
    nothing = Shown(None, False)
    return ResultRow(label, nothing, [nothing] * len(choices), [nothing] * len(choices), nothing, nothing, nothing)


def _row(question, choices, table: QuestionTable, key: tuple, label: str) -> ResultRow:
    s, g = key
    n = table.counts.get((s, g, N), 0)
    n_hidden = (s, g, N) in table.hidden
    excluded = [c.pk for c in choices if c.excluded]
    valid = n - sum(table.counts.get((s, g, c), 0) for c in excluded)
    excluded_hidden = any((s, g, c) in table.hidden for c in excluded)
    counts, percents = [], []
    for choice in choices:
        count = table.counts.get((s, g, choice.pk), 0)
        hidden = (s, g, choice.pk) in table.hidden
        counts.append(Shown.of(count, hidden))
        base = n if question.kind == QuestionKind.MULTIPLE else valid
        share = None if choice.excluded else percent(count, base)
        percents.append(Shown.of(share, hidden or n_hidden or excluded_hidden))
    return ResultRow(
        label=label,
        n=Shown.of(n, n_hidden),
        counts=counts,
        percents=percents,
        favourable=_favourable(question, choices, table, key, n, without_neutral=False),
        favourable_without_neutral=_favourable(question, choices, table, key, n, without_neutral=True),
        mean=_mean(question, choices, table, key, n),
    )


def _favourable(question, choices, table, key, n, *, without_neutral: bool) -> Shown:
    if not question.is_scale:
        return Shown(None, False)
    hidden = key in table.favourable_hidden
    fav = favourable_count(table, key, favourable_ids(question))
    if not without_neutral:
        return Shown.of(percent(fav, n), hidden)
    neutral = [c.pk for c in choices if question.kind == QuestionKind.AGREE5 and c.value == 3]
    neutral_n = sum(table.counts.get((*key, c), 0) for c in neutral)
    neutral_hidden = any((*key, c) in table.hidden for c in neutral)
    return Shown.of(percent(fav, n - neutral_n), hidden or neutral_hidden)


def _mean(question, choices, table, key, n) -> Shown:
    hidden = key in table.mean_hidden
    if question.kind == QuestionKind.NUMBER:
        total = table.sums.get(key, 0)
        return Shown.of(round(total / n, 1) if n else None, hidden)
    if not question.is_scale:
        return Shown(None, False)
    total = sum(c.value * table.counts.get((*key, c.pk), 0) for c in choices if c.value is not None)
    return Shown.of(round(total / n, 2) if n else None, hidden)
