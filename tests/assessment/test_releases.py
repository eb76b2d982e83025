"""Publishing releases: versions, frozen snapshots, and suppression that holds across two releases of a year."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse

from activity.models import EventType
from assessment.figures.base import ALL, SUPPRESSED, TOTAL
from assessment.figures.surveys import published_results
from assessment.models import Release, ReleaseFrozen
from assessment.services.releases import release_publish
from core.models import AuditEvent, AuditKind
from core.schoolyear import school_year_of
from surveys.services.results import survey_results
from tests.activity.builders import build_event
from tests.assessment.builders_dashboard import complaints
from tests.factories import SchoolFactory, member
from tests.surveys.builders import build_survey
from tests.surveys.results_fill import fill
from workflows.satisfaction import satisfaction_survey_for


def _cell(release: Release, key: str, row: str, scope: str = ALL, column: int = 0):
    table = next(table for table in release.snapshot["tables"] if table["key"] == key)
    return next(r for r in table["rows"] if r["key"] == row)["cells"][scope][column]


@pytest.fixture
def coordinator(world):
    return member("coordinator", district=world.b)


def test_each_publication_of_a_year_is_a_new_frozen_version(world, coordinator):
    complaints(world.b_school, 12)
    first = release_publish(district=world.b, school_year=2026, assessment={"summary": "First"}, by=coordinator)
    complaints(world.b_school, 3)
    second = release_publish(district=world.b, school_year=2026, assessment={"summary": "Fixed"}, by=coordinator)
    assert (first.version, second.version) == (1, 2)
    assert _cell(first, "complaints_received", TOTAL) == 12
    assert _cell(second, "complaints_received", TOTAL) == 15
    first.refresh_from_db()
    assert _cell(first, "complaints_received", TOTAL) == 12
    with pytest.raises(ReleaseFrozen):
        first.save()
    with pytest.raises(ReleaseFrozen):
        first.delete()
    listed = next(t for t in second.snapshot["tables"] if t["key"] == "published_assessments")
    headlines = [(row["cells"][ALL][0], row["cells"][ALL][2]["en"]) for row in listed["rows"]]
    assert headlines == [(2, "Fixed"), (1, "First")]
    assert listed["rows"][1]["cells"][ALL][2] == {"en": "First", "es": "First"}  # no Spanish given: the English
    assert second.assessment == {"summary": "Fixed"}
    events = AuditEvent.objects.filter(kind=AuditKind.RELEASE_PUBLISHED, object_id=str(second.pk))
    assert events.get().actor_id == coordinator.pk


def _allegations(school, counts: dict[str, int]):
    for category, n in counts.items():
        complaints(school, n, categories=(category,))


def test_a_cell_hidden_in_a_release_stays_hidden_in_the_next_one_of_the_year(world, coordinator):
    _allegations(world.b_school, {"search": 20, "force": 3, "arrest": 12})
    first = release_publish(district=world.b, school_year=2026, assessment={}, by=coordinator)
    assert _cell(first, "complaints_by_allegation", "force") == SUPPRESSED
    assert _cell(first, "complaints_by_allegation", "arrest") == SUPPRESSED  # its complement
    assert _cell(first, "complaints_by_allegation", TOTAL) == 35
    _allegations(world.b_school, {"bias": 11})
    second = release_publish(district=world.b, school_year=2026, assessment={}, by=coordinator)
    # Alone, the second release would hide bias (11) as force's complement and show arrest: 35 - 20 - 12 = 3.
    assert _cell(second, "complaints_by_allegation", "arrest") == SUPPRESSED
    assert _cell(second, "complaints_by_allegation", "force") == SUPPRESSED
    assert _cell(second, "complaints_by_allegation", "bias") == 11


def test_a_cell_everyone_saw_in_the_last_release_is_no_complement_in_the_next(world, coordinator):
    _allegations(world.b_school, {"search": 20, "force": 15, "arrest": 12})
    first = release_publish(district=world.b, school_year=2026, assessment={}, by=coordinator)
    assert _cell(first, "complaints_by_allegation", TOTAL) == 47
    _allegations(world.b_school, {"bias": 2})
    second = release_publish(district=world.b, school_year=2026, assessment={}, by=coordinator)
    assert _cell(second, "complaints_by_allegation", "bias") == SUPPRESSED
    # Hiding arrest (12, shown last time) would protect nothing: the new total goes instead (else 49 - 47 = 2).
    assert _cell(second, "complaints_by_allegation", "arrest") == 12
    assert _cell(second, "complaints_by_allegation", TOTAL) == SUPPRESSED
    assert _cell(second, "complaints_by_allegation", TOTAL, str(world.b_school.pk)) == SUPPRESSED


def test_a_new_school_year_starts_afresh(world, coordinator):
    _allegations(world.b_school, {"search": 20, "force": 3, "arrest": 12})
    release_publish(district=world.b, school_year=2026, assessment={}, by=coordinator)
    other = release_publish(district=world.b, school_year=2025, assessment={}, by=coordinator)
    assert other.version == 1
    assert _cell(other, "complaints_by_allegation", TOTAL) == 0


def _events(world, counts: dict[str, int]):
    for kind, n in counts.items():
        for _ in range(n):
            build_event(world.b_roster.officer, world.b_school, type=kind)


def test_an_enforcement_count_hidden_in_a_release_cannot_be_worked_out_from_the_next(world, coordinator):
    _events(world, {EventType.CALL_FOR_SERVICE: 20, EventType.SEARCH: 3, EventType.CITATION: 12})
    first = release_publish(district=world.b, school_year=2026, assessment={}, by=coordinator)
    assert _cell(first, "enforcement_types", EventType.SEARCH) == SUPPRESSED
    assert _cell(first, "enforcement_types", EventType.CITATION) == SUPPRESSED  # its complement
    assert _cell(first, "enforcement_types", TOTAL) == 35
    _events(world, {EventType.ARREST: 11})
    second = release_publish(district=world.b, school_year=2026, assessment={}, by=coordinator)
    # Alone, the second release would hide the arrests (11) as the searches' complement and show the citations:
    # the first release's 35 - 20 - 12 would then give the 3 searches away.
    assert _cell(second, "enforcement_types", EventType.CITATION) == SUPPRESSED
    assert _cell(second, "enforcement_types", EventType.SEARCH) == SUPPRESSED
    assert _cell(second, "enforcement_types", EventType.ARREST) == 11


@pytest.fixture
def satisfaction(world):
    """The complainants' satisfaction survey at three schools of district A, with 20 answers at A High and 3 at
    A Middle so far (A Third: none yet), and the district's coordinator."""
    third = SchoolFactory(district=world.a, name="A Third")
    survey = satisfaction_survey_for(world.a)
    survey.schools.set([world.a_school, world.a_other_school, third])
    fill(survey, world.a_school, 20, group="guardian", answers={"SAT-TIMELY": "agree"})
    fill(survey, world.a_other_school, 3, group="guardian", answers={"SAT-TIMELY": "agree"})
    return SimpleNamespace(coordinator=member("coordinator", district=world.a), survey=survey, third=third)


def test_a_satisfaction_count_hidden_in_a_release_cannot_be_worked_out_from_the_next(world, satisfaction):
    coordinator, survey, third = satisfaction.coordinator, satisfaction.survey, satisfaction.third
    first = release_publish(district=world.a, school_year=2026, assessment={}, by=coordinator)
    high, middle = str(world.a_school.pk), str(world.a_other_school.pk)
    assert _cell(first, "complaint_satisfaction", "SAT-TIMELY", middle) == SUPPRESSED
    assert _cell(first, "complaint_satisfaction", "SAT-TIMELY", high) == SUPPRESSED  # its complement
    assert _cell(first, "complaint_satisfaction", "SAT-TIMELY") == 23
    fill(survey, third, 10, group="guardian", answers={"SAT-TIMELY": "agree"})
    second = release_publish(district=world.a, school_year=2026, assessment={}, by=coordinator)
    # Alone, the second release would hide the new school's 10 and show the first school's 20: 23 - 20 = 3.
    assert _cell(second, "complaint_satisfaction", "SAT-TIMELY", high) == SUPPRESSED
    assert _cell(second, "complaint_satisfaction", "SAT-TIMELY", middle) == SUPPRESSED
    assert _cell(second, "complaint_satisfaction", "SAT-TIMELY", str(third.pk)) == 10


def test_a_satisfaction_count_hidden_last_school_year_cannot_be_worked_out_from_this_years_first_release(
    world, satisfaction
):
    # The satisfaction survey is a standing one: every release covers every answer given so far, so this year's
    # first release publishes the same cells as last year's, plus what came since.
    coordinator, survey, third = satisfaction.coordinator, satisfaction.survey, satisfaction.third
    last_year = release_publish(district=world.a, school_year=2025, assessment={}, by=coordinator)
    high, middle = str(world.a_school.pk), str(world.a_other_school.pk)
    assert _cell(last_year, "complaint_satisfaction", "SAT-TIMELY", middle) == SUPPRESSED
    assert _cell(last_year, "complaint_satisfaction", "SAT-TIMELY", high) == SUPPRESSED
    assert _cell(last_year, "complaint_satisfaction", "SAT-TIMELY") == 23
    fill(survey, third, 10, group="guardian", answers={"SAT-TIMELY": "agree"})
    this_year = release_publish(district=world.a, school_year=2026, assessment={}, by=coordinator)
    # Protected on its own, it would hide the new school's 10 and show the first school's 20: 23 - 20 = 3.
    assert _cell(this_year, "complaint_satisfaction", "SAT-TIMELY", high) == SUPPRESSED
    assert _cell(this_year, "complaint_satisfaction", "SAT-TIMELY", middle) == SUPPRESSED
    assert _cell(this_year, "complaint_satisfaction", "SAT-TIMELY", str(third.pk)) == 10


def test_the_survey_results_page_does_not_let_a_satisfaction_count_the_dashboard_hid_be_derived(
    client, world, satisfaction
):
    coordinator, survey, third = satisfaction.coordinator, satisfaction.survey, satisfaction.third
    release_publish(district=world.a, school_year=2026, assessment={}, by=coordinator)
    fill(survey, third, 10, group="guardian", answers={"SAT-TIMELY": "agree"})
    release = release_publish(district=world.a, school_year=2026, assessment={}, by=coordinator)
    # The dashboard shows the new school's 10 and the district's 33, and hides the other two (20 and 3).
    assert _cell(release, "complaint_satisfaction", "SAT-TIMELY", str(third.pk)) == 10
    assert _cell(release, "complaint_satisfaction", "SAT-TIMELY") == 33
    client.force_login(coordinator)
    page = client.get(reverse("staff:surveys:results_detail", kwargs={"pk": survey.pk}))
    results = page.context["results"]
    timely = next(q for q in results.questions if q.question.code == "SAT-TIMELY")
    answered = {label: row.n for label, row in zip(results.row_labels, timely.rows, strict=True)}
    # Shown beside the dashboard, 20 would give the 3 away: 33 - 10 - 20.
    assert answered["A High"].suppressed and answered["A Middle"].suppressed
    # Everyone answered the question, so the respondents table may not show the 20 either.
    respondents = dict(results.respondents.rows)
    assert respondents["A High"][-1].suppressed and respondents["A Middle"][-1].suppressed


def test_the_results_page_reads_what_the_dashboard_published_of_that_climate_survey_only(world):
    coordinator = member("coordinator", district=world.a)
    shown = build_survey(world.a, [world.a_school, world.a_other_school])
    fill(shown, world.a_school, 20, answers={"SRO-SAFE-1": "agree"})
    fill(shown, world.a_other_school, 3, answers={"SRO-SAFE-1": "agree"})
    year = school_year_of(shown.opens_on)
    release_publish(district=world.a, school_year=year, assessment={}, by=coordinator)
    published = published_results(shown)
    # The release hid both schools (3, and 20 with it) and showed the district's 23.
    answers_hidden = {key for key in published["SRO-SAFE-1"].hidden if key[2] == "n"}
    assert answers_hidden == {(world.a_school.pk, "*", "n"), (world.a_other_school.pk, "*", "n")}
    assert published["SRO-SAFE-1"].shown == {("*", "*", "n"): 23}
    # Another climate survey of a year with no release, or not the one the release showed: nothing published.
    other = build_survey(world.a, [world.a_school], opens_on=shown.opens_on - datetime.timedelta(days=400))
    assert published_results(other) is None


def test_the_year_view_does_not_let_an_earlier_survey_s_count_the_dashboard_hid_be_derived(world):
    coordinator = member("coordinator", district=world.a)
    last_year = build_survey(world.a, [world.a_school, world.a_other_school])
    fill(last_year, world.a_school, 20, answers={"SRO-SAFE-1": "agree"})
    fill(last_year, world.a_other_school, 3, answers={"SRO-SAFE-1": "agree"})
    release_publish(district=world.a, school_year=school_year_of(last_year.opens_on), assessment={}, by=coordinator)
    # The dashboard hid both schools (3, and 20 with it) and showed the district's 23; then 7 more answered at the
    # other school, which now shows: no count of last year's is small any more.
    fill(last_year, world.a_other_school, 7, answers={"SRO-SAFE-1": "agree"})
    this_year = build_survey(
        world.a, [world.a_school, world.a_other_school], opens_on=last_year.closes_on + datetime.timedelta(days=300)
    )
    fill(this_year, world.a_school, 25, answers={"SRO-SAFE-1": "agree"})
    results = survey_results(survey=this_year, visible_school_ids=None, by="year", school_id=world.a_school.pk)
    safe = next(q for q in results.questions if q.question.code == "SRO-SAFE-1")
    now, before = safe.rows
    assert now.n.value == 25
    # Shown beside the dashboard, last year's 20 would give the 3 it had then away: 23 - 20.
    assert before.n.suppressed
    # As on last year's own results page.
    own = survey_results(survey=last_year, visible_school_ids=None, earlier=published_results(last_year))
    assert next(q for q in own.questions if q.question.code == "SRO-SAFE-1").rows[0].n.suppressed
