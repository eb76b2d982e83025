"""Staff pages of survey results: the results page, its CSV and sharing
with the police. Who reads which schools is decided in ``accounts.rules``;
every number comes from ``surveys.services.results`` (already suppressed)."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from accounts.rules import SurveyRule, get_survey_for_user, survey_result_school_ids, surveys_for
from core.audit import AuditKind, audit_record
from core.charts import chart_bars
from core.csv_export import csv_response
from core.i18n import pick
from core.suppression import Shown
from surveys.published import published_results
from surveys.services.results import SurveyResults, survey_results
from surveys.services.results_share import survey_results_share
from surveys.views.results_filters import ResultsFilter, ShareForm


def _readable(request, pk):
    """The survey and the schools the reader sees (None: all); 404 outside."""
    survey = get_survey_for_user(request.user, pk, SurveyRule.RESULTS)
    visible = survey_result_school_ids(request.user, survey)
    if visible is not None and not visible:
        raise Http404
    return survey, visible


def _options(request, survey, visible) -> tuple[ResultsFilter, str, int | None]:
    schools = survey.schools.order_by("name")
    if visible is not None:
        schools = schools.filter(pk__in=visible)
    asked = set(survey.questions.exclude(demographic="").values_list("demographic", flat=True))
    filterset = ResultsFilter(request.GET or None, schools=schools, district_wide=visible is None, asked=asked)
    by, school_id = filterset.options()
    return filterset, by, school_id


def _results(request, pk) -> tuple[SurveyResults, ResultsFilter, set | None]:
    survey, visible = _readable(request, pk)
    filterset, by, school_id = _options(request, survey, visible)
    results = survey_results(
        survey=survey,
        visible_school_ids=visible,
        school_id=school_id,
        by=by,
        readable_surveys=surveys_for(request.user, SurveyRule.RESULTS),
        earlier=published_results(survey),
    )
    return results, filterset, visible


def _chosen(results: SurveyResults, filterset: ResultsFilter) -> dict:
    """What the reader looked at, for the audit log: the breakdown (its code) and, when one was chosen, the school
    (its name, as it read on the page)."""
    chosen = {"by": results.by}
    if results.school_id is not None:
        names = dict(filterset.form.fields["school"].choices)
        chosen["school"] = names.get(str(results.school_id), str(results.school_id))
    return chosen


MAX_SERIES = 6  # beyond that the bars are unreadable; the tables keep every group


def _series(results: SurveyResults, values_for) -> list:
    series = [(label, values_for(i)) for i, label in enumerate(results.row_labels)]
    return series if len(series) <= MAX_SERIES else series[-1:]


def _charts(results: SurveyResults) -> list:
    charts = []
    if results.domains:
        charts.append(
            chart_bars(
                title=_("Domain scores (average percent favourable)"),
                categories=[d.label for d in results.domains],
                series=_series(results, lambda i: [d.scores[i] for d in results.domains]),
            )
        )
    scales = [q for q in results.questions if q.is_scale]
    if scales:
        charts.append(
            chart_bars(
                title=_("Percent favourable by question"),
                categories=[q.text for q in scales],
                series=_series(results, lambda i: [q.rows[i].favourable for q in scales]),
            )
        )
    return charts


class ResultsView(View):
    def get(self, request, pk):
        results, filterset, _visible = _results(request, pk)
        survey = results.survey
        audit_record(
            actor=request.user,
            kind=AuditKind.SURVEY_RESULTS_VIEWED,
            obj=survey,
            changes=_chosen(results, filterset),
            request=request,
            district_id=survey.district_id,
        )
        may_author = surveys_for(request.user, SurveyRule.AUTHOR).filter(pk=survey.pk).exists()
        context = {
            "survey": survey,
            "title": pick(survey, "title"),
            "results": results,
            "filter": filterset,
            "charts": _charts(results),
            "may_author": may_author,
            "may_read_comments": may_author
            or surveys_for(request.user, SurveyRule.COMMENTS).filter(pk=survey.pk).exists(),
            "share_form": ShareForm(initial={"shared": survey.results_shared_at is None}),
        }
        return render(request, "surveys/results/detail.html", context)


def _cell(value: Shown) -> str | float | int:
    if value.suppressed:
        return _("suppressed")
    return "" if value.value is None else value.value


def export_rows(results: SurveyResults):
    """The CSV's rows: one per question, group and answer (suppressed as on the page)."""
    for question in results.questions:
        for row in question.rows:
            common = [question.question.code, question.text, row.label, _cell(row.n)]
            derived = [_cell(row.favourable), _cell(row.favourable_without_neutral), _cell(row.mean)]
            if not question.choice_labels:
                yield [*common, "", "", "", *derived]
            for label, count, share in zip(question.choice_labels, row.counts, row.percents, strict=True):
                yield [*common, label, _cell(count), _cell(share), *derived]


class ResultsExportView(View):
    def get(self, request, pk):
        results, filterset, _visible = _results(request, pk)
        survey = results.survey
        audit_record(
            actor=request.user,
            kind=AuditKind.SURVEY_RESULTS_EXPORTED,
            obj=survey,
            changes=_chosen(results, filterset),
            request=request,
            district_id=survey.district_id,
        )
        header = [
            _("Question code"),
            _("Question"),
            _("Group"),
            _("Answers"),
            _("Answer"),
            _("Count"),
            _("Percent"),
            _("Percent favourable"),
            _("Percent favourable, neutral left out"),
            _("Mean"),
        ]
        filename = f"survey-{survey.pk}-results-{results.by}.csv"
        return csv_response(filename=filename, header=header, rows=export_rows(results))


class ResultsShareView(View):
    """The coordinator shares the district results with the police roles (or stops)."""

    def post(self, request, pk):
        survey = get_survey_for_user(request.user, pk, SurveyRule.AUTHOR)
        form = ShareForm(request.POST)
        shared = form.is_valid() and form.cleaned_data["shared"]
        survey_results_share(survey=survey, user=request.user, shared=shared, request=request)
        return redirect("staff:surveys:results_detail", pk=survey.pk)
