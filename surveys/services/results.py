"""Survey results: every number the results page, its charts and its CSV
show, counted in the database (GROUP BY) and protected by
``core.suppression`` before anything leaves this module.

``survey_results`` is the one entry point; it computes only the breakdown
asked for (``BREAKDOWNS``), never a free combination of filters.
"""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.i18n import pick
from core.schoolyear import school_year_label, school_year_of
from core.suppression import Earlier, Shown
from surveys.models import Answer, Demographic, Domain, Question, QuestionChoice, QuestionKind, RespondentGroup, Survey
from surveys.published import published_results
from surveys.services.results_counts import respondent_table, response_rates
from surveys.services.results_rows import QuestionResult, favourable_ids, question_result
from surveys.services.results_tables import (
    ALL,
    N,
    QuestionTable,
    table_build,
)

SCHOOL = "school"
YEAR = "year"
DEMOGRAPHIC_BREAKDOWNS = tuple(d.value for d in Demographic if d.value)
BREAKDOWNS = (SCHOOL, YEAR, *DEMOGRAPHIC_BREAKDOWNS)
EARLIER_YEARS = 3
NOT_ANSWERED = _("Not answered")


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
    *,
    survey: Survey,
    visible_school_ids: set[int] | None,
    school_id: int | None = None,
    by: str = SCHOOL,
    readable_surveys: QuerySet[Survey] | None = None,
    earlier: Mapping[str, Earlier] | None = None,
) -> SurveyResults:
    """Every result of ``survey`` for the ``by`` breakdown, suppressed.

    ``visible_school_ids``: ``None`` for a reader of the whole district, else
    the schools the reader may see (rows of other schools are left out, but
    suppression is decided on the whole district so every reader sees the same
    cells hidden). ``school_id``: the school a subgroup or year breakdown is
    about (``None``: the district). ``by``: one of ``BREAKDOWNS``.
    ``readable_surveys``: the surveys the reader may read
    (``accounts.rules.surveys_for``); earlier years outside it are left out
    (``None``: no limit, for benchmarks and jobs). ``earlier``: for the school
    breakdown, what an earlier publication of these results showed and hid, by
    question code (``results_tables`` module doc); every breakdown and the
    respondents table are protected against it too, so no view of the page
    plays against the publication. The year breakdown protects each earlier
    administration against what was published of it (``surveys.published``)."""
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
        survey=survey,
        threshold=threshold,
        school_names=school_names,
        visible_school_ids=visible_school_ids,
        earlier=earlier,
    )
    results.rates = response_rates(
        survey=survey,
        threshold=threshold,
        school_names=school_names,
        visible_school_ids=visible_school_ids,
        beside=results.respondents.as_finished,
    )
    if by == YEAR:
        _fill_years(results, questions, scope, readable_surveys, earlier)
    else:
        dim = None if by == SCHOOL else by
        tables = _tables(questions, dim=dim, threshold=threshold, earlier={survey.pk: earlier})
        rows = _display_rows(by, scope, tables, school_names, visible_school_ids, survey, dim)
        results.row_labels = [label for _key, label in rows]
        results.questions = [
            question_result(q, [(tables[q.pk], key) for key, _label in rows], results.row_labels) for q in questions
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


def _tables(
    questions: list[Question], *, dim: str | None, threshold: int, earlier: Mapping[int, Mapping | None]
) -> dict:
    """Each question's protected table; with ``dim``, the subgroup table built
    on top of the school-vs-district one. ``earlier``: by survey, what a
    publication of its results showed and hid, by question code."""
    per_choice, per_answer = _counts(questions, dim)
    tables = {}
    for question in questions:
        finest = _finest(question, per_choice[question.pk], per_answer[question.pk])
        published = (earlier.get(question.survey_id) or {}).get(question.code)
        base = _table(question, finest, dim=None, threshold=threshold, earlier=published)
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


def _table(question, finest: dict, *, dim, threshold, base=None, earlier=None) -> QuestionTable:
    return table_build(
        kind=_kind(question),
        choice_ids=[c.pk for c in question.choices.all()],
        finest=finest,
        by_subgroup=bool(dim),
        threshold=threshold,
        favourable_ids=favourable_ids(question),
        valued_ids={c.pk for c in question.choices.all() if c.value is not None},
        base=base,
        earlier=earlier,
    )


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


# --- Years ----------------------------------------------------------------------
def earlier_surveys(survey: Survey, readable: QuerySet[Survey] | None = None) -> list[Survey]:
    """The same district's earlier administrations for the same purpose that
    the reader may read (``readable``), newest first."""
    before = survey.opens_on or survey.closes_on
    if before is None:
        return []
    earlier = Survey.objects.filter(
        district_id=survey.district_id, purpose=survey.purpose, published_at__isnull=False, closes_on__lt=before
    ).exclude(pk=survey.pk)
    if readable is not None:
        earlier = earlier.filter(pk__in=readable.values("pk"))
    return list(earlier.order_by("-closes_on")[:EARLIER_YEARS])


def _fill_years(results: SurveyResults, questions: list[Question], scope, readable, published) -> None:
    survey = results.survey
    earlier = earlier_surveys(survey, readable)
    results.earlier = earlier
    codes = [q.code for q in questions]
    older = list(
        Question.objects.filter(survey__in=earlier, code__in=codes)
        .exclude(kind__in=QuestionKind.texts())
        .prefetch_related("choices")
    )
    # Each administration's tables as its own school breakdown protects them, against what was published of it.
    published_of = {survey.pk: published, **{s.pk: published_results(s) for s in earlier}}
    tables = _tables(questions + older, dim=None, threshold=results.threshold, earlier=published_of)
    by_survey_code = {(q.survey_id, q.code): q for q in [*questions, *older]}
    administrations = [survey, *earlier]
    results.row_labels = _year_labels(administrations)
    for question in questions:
        cells = []
        for administration in administrations:
            match = by_survey_code.get((administration.pk, question.code))
            if match is None or match.kind != question.kind:
                cells.append((None, None))
                continue
            cells.append((_aligned(tables[match.pk], match, question), (scope, ALL)))
        results.questions.append(question_result(question, cells, results.row_labels))


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


def _year_labels(administrations: list[Survey]) -> list[str]:
    """Each administration by the school year it opened in ("2025–26 (v1)"); administrations that share a school
    year also say the day each opened. (By the calendar year it closed, a survey closing in January and the next
    year's closing in December were both "2026".)"""
    years = [
        school_year_label(school_year_of(day)) if (day := s.opens_on or s.closes_on) else "" for s in administrations
    ]
    labels = []
    for survey, year in zip(administrations, years, strict=True):
        if year and survey.opens_on and years.count(year) > 1:
            year = f"{year}, {date_format(survey.opens_on, 'DATE_FORMAT')}"
        labels.append(f"{year} (v{survey.version})" if year else f"v{survey.version}")
    return labels


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
