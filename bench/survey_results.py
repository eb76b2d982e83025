"""Times the survey results page at 100,000 responses x 30 questions against the raw SQL aggregate it needs.

Goal (issue 11): on PostgreSQL, the results page is within 2x the time of the
raw SQL aggregate (counted in the database; never a loop over responses in
Python). The script loads one district of 20 schools and a 30-question survey
with N responses (bench/survey_load.py: generated in the database, about a
minute for 100,000), then, alternating one by one so a busy machine slows both
alike, times:

- raw SQL: the GROUP BY statements the page's numbers come from (answers per
  question, school [, subgroup] and choice; answers and sums of multiple-choice
  and number questions; respondents per school and group; invitations per
  school, group and status), every row fetched;
- the service ``surveys.services.results.survey_results`` (all of the page's
  database work, with suppression);
- the page ``staff:surveys:results_detail`` through Django's test Client, as the
  district coordinator (rendering, charts and tables included);

for the default breakdown (school vs district) and one subgroup breakdown (race),
and prints median ms and the ratios page/raw and service/raw.

Run:
    DATABASE_URL=postgres://commonground@127.0.0.1:25432/cg_demo_results .venv/bin/python bench/survey_results.py
    ... bench/survey_results.py [--keep] [responses] [requests]     # defaults 100000 15

It creates its own database (``test_<name>``), dropped at the end unless
``--keep`` is given: then the next ``--keep`` run reuses the loaded survey.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from bench.survey_load import survey_load  # noqa: E402
from surveys.models import Answer, QuestionKind  # noqa: E402

# The statements the page's numbers need; {dim} is "" or ", r.<demographic column>".
RAW = [
    """SELECT a.question_id, r.school_id{dim}, a.choice_id, COUNT(a.id)
       FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
       WHERE a.question_id = ANY(%(questions)s) AND a.choice_id IS NOT NULL
       GROUP BY a.question_id, r.school_id{dim}, a.choice_id""",
    """SELECT a.question_id, r.school_id{dim}, COUNT(DISTINCT a.response_id), SUM(a.number)
       FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
       WHERE a.question_id = ANY(%(counted)s)
       GROUP BY a.question_id, r.school_id{dim}""",
    """SELECT school_id, respondent_group, COUNT(*) FROM surveys_response WHERE survey_id = %(survey)s
       GROUP BY school_id, respondent_group""",
    """SELECT school_id, "group", status, COUNT(*) FROM surveys_invitation WHERE survey_id = %(survey)s
       GROUP BY school_id, "group", status""",
]
BREAKDOWNS = {"school vs district": ("school", ""), "by race": ("race", ", r.race")}


def raw_aggregate(survey, dim: str) -> int:
    """Runs the page's GROUP BY statements and fetches every row; returns how many rows."""
    questions = list(survey.questions.exclude(kind__in=QuestionKind.texts()).values_list("pk", "kind"))
    args = {
        "survey": survey.pk,
        "questions": [pk for pk, _ in questions],
        "counted": [pk for pk, kind in questions if kind in (QuestionKind.MULTIPLE, QuestionKind.NUMBER)],
    }
    rows = 0
    with connection.cursor() as cursor:
        for sql in RAW:
            cursor.execute(sql.format(dim=dim), args)
            rows += len(cursor.fetchall())
    return rows


def _page_url(survey, by: str) -> str | None:
    for name in ("staff:surveys:results_detail", "staff:surveys:results"):
        try:
            return f"{reverse(name, args=[survey.pk])}?by={by}"
        except NoReverseMatch:
            continue
    return None


def _service(survey, by: str):
    try:
        from surveys.services.results import survey_results
    except ImportError:
        return None
    return lambda: survey_results(survey=survey, visible_school_ids=None, school_id=None, by=by)


def _ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def bench_breakdown(label: str, survey, client, by: str, dim: str, requests: int) -> None:
    url, service = _page_url(survey, by), _service(survey, by)
    sides = {"raw SQL aggregate": lambda: raw_aggregate(survey, dim)}
    if service is not None:
        sides["survey_results() service"] = service
    if url is not None:
        response = client.get(url)
        if response.status_code == 200:
            sides["results page (test Client)"] = lambda: client.get(url)
        else:
            print(f"  {url} answered {response.status_code}: page not timed")
    for action in sides.values():
        action()  # warm: plans, caches, the session
    times = {name: [] for name in sides}
    for _ in range(requests):
        for name, action in sides.items():
            times[name].append(_ms(action))
    raw = statistics.median(times["raw SQL aggregate"])
    print(f"{label}:")
    for name, samples in times.items():
        median = statistics.median(samples)
        ratio = "" if name.startswith("raw") else f"   {median / raw:5.2f}x raw (goal <= 2x)"
        print(f"  {name:<30} median {median:8.1f} ms  min {min(samples):8.1f} ms{ratio}")


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--keep"]
    keep = "--keep" in sys.argv
    responses = int(args[0]) if args else 100_000
    requests = int(args[1]) if len(args) > 1 else 15
    if connection.vendor != "postgresql":
        sys.exit("bench/survey_results.py needs PostgreSQL: set DATABASE_URL.")
    setup_test_environment()
    base = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    try:
        started = time.perf_counter()
        survey, coordinator = survey_load(responses)
        answers = Answer.objects.filter(question__survey=survey).count()
        print(
            f"{survey.responses.count()} responses, {answers} answers to {survey.questions.count()} questions "
            f"in {connection.settings_dict['NAME']} (ready in {time.perf_counter() - started:.0f} s); "
            f"median of {requests} runs each"
        )
        client = Client()
        client.force_login(coordinator)
        for label, (by, dim) in BREAKDOWNS.items():
            bench_breakdown(label, survey, client, by, dim, requests)
    finally:
        if not keep:
            connection.creation.destroy_test_db(base, verbosity=0)


if __name__ == "__main__":
    main()
