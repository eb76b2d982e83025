"""Survey results: every number the results page, its charts and its CSV
show, counted in the database (GROUP BY) and protected by
``core.suppression`` before anything leaves this module.

``survey_results`` is the one entry point; it computes only the breakdown
asked for (``BREAKDOWNS``), never a free combination of filters.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from core.suppression import Shown, percent
from surveys.i18n import pick
from surveys.models import Answer, Demographic, Domain, Question, QuestionChoice, QuestionKind, RespondentGroup, Survey
from surveys.scales import favourable_values
from surveys.services.results_counts import respondent_table, response_rates
from surveys.services.results_tables import (
    ALL,
    N,
    QuestionTable,
    add_margins,
    favourable_count,
    protect_cells,
    protect_derived,
)

SCHOOL = "school"
YEAR = "year"
DEMOGRAPHIC_BREAKDOWNS = tuple(d.value for d in Demographic if d.value)
BREAKDOWNS = (SCHOOL, YEAR, *DEMOGRAPHIC_BREAKDOWNS)
EARLIER_YEARS = 3
NOT_ANSWERED = _("Not answered")


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


@dataclass(frozen=True)
class DomainScore:
    """A domain's scale score per row: the mean of the shown percent
    favourable of its agreement-scale questions, and how many it covers."""

    label: str
    scores: list[Shown]
    covered: list[int]
    questions: int

    @property
    def cells(self) -> list[tuple[Shown, int]]:
        return list(zip(self.scores, self.covered, strict=True))


@dataclass
class SurveyResults:
    survey: Survey
    by: str
    school_id: int | None
    threshold: int
    row_labels: list[str]
    questions: list[QuestionResult] = field(default_factory=list)
    domains: list[DomainScore] = field(default_factory=list)
    respondents: object = None  # results_counts.CountTable
    rates: list = field(default_factory=list)
    earlier: list[Survey] = field(default_factory=list)


def survey_results(
    *, survey: Survey, visible_school_ids: set[int] | None, school_id: int | None = None, by: str = SCHOOL
) -> SurveyResults:
    """Every result of ``survey`` for the ``by`` breakdown, suppressed.

    ``visible_school_ids``: ``None`` for a reader of the whole district, else
    the schools the reader may see (rows of other schools are left out, but
    suppression is decided on the whole district so every reader sees the same
    cells hidden). ``school_id``: the school a subgroup or year breakdown is
    about (``None``: the district). ``by``: one of ``BREAKDOWNS``."""
    if by not in BREAKDOWNS:
        raise ValueError(f"Unknown breakdown {by!r}")
    threshold = survey.district.suppression_threshold
    scope = _scope(visible_school_ids, school_id)
    questions = list(survey.questions.exclude(kind__in=QuestionKind.texts()).prefetch_related("choices"))
    school_names = dict(survey.schools.values_list("pk", "name"))
    results = SurveyResults(
        survey=survey, by=by, school_id=scope if scope != ALL else None, threshold=threshold, row_labels=[]
    )
    results.respondents = respondent_table(
        survey=survey, threshold=threshold, school_names=school_names, visible_school_ids=visible_school_ids
    )
    results.rates = response_rates(
        survey=survey, threshold=threshold, school_names=school_names, visible_school_ids=visible_school_ids
    )
    if by == YEAR:
        _fill_years(results, questions, scope)
    else:
        dim = None if by == SCHOOL else by
        tables = _tables(questions, dim=dim, threshold=threshold)
        rows = _display_rows(by, scope, tables, school_names, visible_school_ids, survey, dim)
        results.row_labels = [label for _key, label in rows]
        results.questions = [
            _question_result(q, [(tables[q.pk], key) for key, _label in rows], results.row_labels) for q in questions
        ]
    results.domains = _domain_scores(results.questions, len(results.row_labels))
    return results


def _scope(visible_school_ids: set[int] | None, school_id: int | None):
    if visible_school_ids is None:
        return school_id if school_id is not None else ALL
    if school_id in visible_school_ids:
        return school_id
    return min(visible_school_ids) if visible_school_ids else None


# --- Counting -----------------------------------------------------------------
def _kind(question: Question) -> str:
    if question.kind == QuestionKind.MULTIPLE:
        return "multiple"
    if question.kind == QuestionKind.NUMBER:
        return "number"
    return "choices"


def _counts(questions: list[Question], dim: str | None) -> tuple[dict, dict]:
    """Two GROUP BY queries: answers per choice, and answers (and sums) of
    multiple-choice and number questions, per question, school and subgroup."""
    group = ["question_id", "response__school_id"] + ([f"response__{dim}"] if dim else [])
    ids = [q.pk for q in questions]
    per_choice = defaultdict(dict)
    for row in (
        Answer.objects.filter(question_id__in=ids, choice__isnull=False)
        .values(*group, "choice_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        sub = row[f"response__{dim}"] if dim else ALL
        per_choice[row["question_id"]][(row["response__school_id"], sub, row["choice_id"])] = row["n"]
    counted = [q.pk for q in questions if q.kind in (QuestionKind.MULTIPLE, QuestionKind.NUMBER)]
    per_answer = defaultdict(dict)
    for row in (
        Answer.objects.filter(question_id__in=counted)
        .values(*group)
        .annotate(n=Count("response_id", distinct=True), total=Sum("number"))
        .order_by()
    ):
        sub = row[f"response__{dim}"] if dim else ALL
        per_answer[row["question_id"]][(row["response__school_id"], sub)] = (row["n"], row["total"] or 0)
    return per_choice, per_answer


def _tables(questions: list[Question], *, dim: str | None, threshold: int) -> dict[int, QuestionTable]:
    """Each question's protected table; with ``dim``, the subgroup table built
    on top of the school-vs-district one."""
    per_choice, per_answer = _counts(questions, dim)
    tables = {}
    for question in questions:
        finest = _finest(question, per_choice[question.pk], per_answer[question.pk])
        base = _table(question, finest, dim=None, threshold=threshold)
        tables[question.pk] = _table(question, finest, dim=dim, threshold=threshold, base=base) if dim else base
    return tables


def _finest(question: Question, choices: dict, answers: dict) -> dict:
    """``(school, subgroup, column) -> count`` at the finest level, with ``N``."""
    finest = dict(choices)
    if question.kind == QuestionKind.MULTIPLE:
        for (s, g), (n, _total) in answers.items():
            finest[(s, g, N)] = n
            for choice in question.choices.all():
                finest[(s, g, ("not", choice.pk))] = n - choices.get((s, g, choice.pk), 0)
    elif question.kind == QuestionKind.NUMBER:
        for (s, g), (n, total) in answers.items():
            finest[(s, g, N)] = n
            finest[(s, g, "sum")] = total
    else:
        for (s, g, _c), n in choices.items():
            finest[(s, g, N)] = finest.get((s, g, N), 0) + n
    return finest


def _table(question, finest: dict, *, dim, threshold, base: QuestionTable | None = None) -> QuestionTable:
    schools = sorted({s for (s, _g, _c) in finest}, key=lambda s: (s is None, s or 0))
    groups = sorted({g for (_s, g, _c) in finest}) if dim else []
    table = QuestionTable(
        kind=_kind(question), choice_ids=[c.pk for c in question.choices.all()], schools=schools, groups=groups
    )
    if base is not None:
        table.schools = sorted(set(schools) | set(base.schools), key=lambda s: (s is None, s or 0))
    columns = table.columns()
    wanted = set(columns)
    if dim:
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
    sums = {(s, g): v for (s, g, c), v in finest.items() if c == "sum"}
    table.sums = _sum_margins(sums, dim)
    protect_cells(table, threshold=threshold, base=base)
    favourable = _favourable_ids(question)
    valued = {c.pk for c in question.choices.all() if c.value is not None}
    protect_derived(table, threshold=threshold, favourable_ids=favourable, valued_ids=valued, base=base)
    return table


def _sum_margins(sums: dict, dim) -> dict:
    collapsed = defaultdict(int)
    for (s, g), v in sums.items():
        for school in (s, ALL):
            collapsed[(school, g if dim else ALL)] += v
            if dim:
                collapsed[(school, ALL)] += v
    return dict(collapsed)


def _favourable_ids(question: Question) -> set[int]:
    if not question.is_scale:
        return set()
    values = favourable_values(question.kind, question.reverse_scored)
    return {c.pk for c in question.choices.all() if c.value in values}


# --- Rows the page shows --------------------------------------------------------
def _display_rows(by, scope, tables, school_names, visible, survey, dim) -> list[tuple[tuple, str]]:
    if by == SCHOOL:
        in_data = {s for table in tables.values() for s in table.schools}
        schools = [s for s in school_names if visible is None or s in visible]
        schools += [s for s in in_data if s not in school_names and visible is None]
        rows = [((s, ALL), school_names.get(s) or str(_("No school given"))) for s in schools]
        if visible is None:
            rows.append(((ALL, ALL), str(_("Whole district"))))
        return rows
    values = sorted({g for table in tables.values() for g in table.groups})
    labels = subgroup_labels(survey, dim)
    rows = [((scope, g), labels.get(g) or (str(NOT_ANSWERED) if g == "" else g)) for g in values]
    rows.append(((scope, ALL), str(_("Everyone"))))
    return rows


def subgroup_labels(survey: Survey, dim: str) -> dict[str, str]:
    """What each stored value of a demographic column means, in the reader's language."""
    if dim == Demographic.GROUP:
        return {value: str(label) for value, label in RespondentGroup.choices}
    choices = QuestionChoice.objects.filter(question__survey=survey, question__demographic=dim)
    return {c.code: pick(c, "label") for c in choices}


def _question_result(question: Question, cells: list[tuple[QuestionTable, tuple]], labels: list[str]):
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
    fav = favourable_count(table, key, _favourable_ids(question))
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


# --- Years ----------------------------------------------------------------------
def earlier_surveys(survey: Survey) -> list[Survey]:
    """The same district's earlier administrations for the same purpose, newest first."""
    before = survey.opens_on or survey.closes_on
    if before is None:
        return []
    return list(
        Survey.objects.filter(
            district_id=survey.district_id, purpose=survey.purpose, published_at__isnull=False, closes_on__lt=before
        )
        .exclude(pk=survey.pk)
        .order_by("-closes_on")[:EARLIER_YEARS]
    )


def _fill_years(results: SurveyResults, questions: list[Question], scope) -> None:
    survey = results.survey
    earlier = earlier_surveys(survey)
    results.earlier = earlier
    codes = [q.code for q in questions]
    older = list(
        Question.objects.filter(survey__in=earlier, code__in=codes)
        .exclude(kind__in=QuestionKind.texts())
        .prefetch_related("choices")
    )
    tables = _tables(questions + older, dim=None, threshold=results.threshold)
    by_survey_code = {(q.survey_id, q.code): q for q in [*questions, *older]}
    administrations = [survey, *earlier]
    results.row_labels = [_year_label(s) for s in administrations]
    for question in questions:
        cells = []
        for administration in administrations:
            match = by_survey_code.get((administration.pk, question.code))
            if match is None or match.kind != question.kind:
                cells.append((None, None))
                continue
            cells.append((_aligned(tables[match.pk], match, question), (scope, ALL)))
        results.questions.append(_question_result(question, cells, results.row_labels))


def _aligned(table: QuestionTable, older: Question, current: Question) -> QuestionTable:
    """An earlier year's table with its choices renamed to this year's (by choice code)."""
    if older.pk == current.pk:
        return table
    by_code = {c.code: c.pk for c in current.choices.all()}
    rename = {c.pk: by_code.get(c.code) for c in older.choices.all()}

    def key(k):
        s, g, col = k
        if isinstance(col, tuple):
            return (s, g, ("not", rename.get(col[1])))
        return (s, g, rename.get(col, col))

    aligned = QuestionTable(kind=table.kind, choice_ids=list(by_code.values()), schools=table.schools, groups=[])
    aligned.counts = {key(k): v for k, v in table.counts.items()}
    aligned.hidden = {key(k) for k in table.hidden}
    aligned.sums = table.sums
    aligned.favourable_hidden, aligned.mean_hidden = table.favourable_hidden, table.mean_hidden
    return aligned


def _year_label(survey: Survey) -> str:
    year = survey.closes_on.year if survey.closes_on else ""
    return f"{year} (v{survey.version})" if year else f"v{survey.version}"


# --- Domains --------------------------------------------------------------------
def _domain_scores(questions: list[QuestionResult], width: int) -> list[DomainScore]:
    by_domain = defaultdict(list)
    for result in questions:
        if result.is_scale:
            by_domain[result.question.domain].append(result)
    scores = []
    for domain, results in by_domain.items():
        row_scores, covered = [], []
        for i in range(width):
            shown = [r.rows[i].favourable.value for r in results if r.rows[i].favourable.value is not None]
            covered.append(len(shown))
            score = round(sum(shown) / len(shown), 1) if shown else None
            row_scores.append(Shown(score, not shown))
        scores.append(
            DomainScore(label=str(Domain(domain).label), scores=row_scores, covered=covered, questions=len(results))
        )
    return scores
