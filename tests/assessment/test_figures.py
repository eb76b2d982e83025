"""The published tables against numbers worked out by hand, and the suppression every count goes through."""

import datetime

from django.utils import timezone

from activity.models import EventType
from assessment.figures.base import ALL, SUPPRESSED, TOTAL
from assessment.services.releases import snapshot_compute
from tests.activity.builders import build_event
from tests.assessment.builders_dashboard import complaints
from tests.factories import DeadlinePolicyFactory

MONDAY = datetime.date(2026, 9, 14)


def _table(snapshot: dict, key: str) -> dict:
    return next(table for table in snapshot["tables"] if table["key"] == key)


def _cell(table: dict, row: str, scope: str = ALL, column: int = 0):
    return next(r for r in table["rows"] if r["key"] == row)["cells"][scope][column]


def _snapshot(world):
    return snapshot_compute(district=world.a, school_year=2026)


def test_complaints_received_counts_each_kind_by_school_and_district(world):
    complaints(world.a_school, 12)
    complaints(world.a_school, 11, kind="concern")
    complaints(world.a_other_school, 14)
    complaints(world.a_other_school, 20, filed=datetime.date(2026, 7, 31))  # the year before
    complaints(world.b_school, 30)  # another district
    table = _table(_snapshot(world), "complaints_received")
    high, middle = str(world.a_school.pk), str(world.a_other_school.pk)
    assert _cell(table, "complaint") == 26
    assert _cell(table, "concern") == 11
    assert _cell(table, TOTAL) == 37
    assert _cell(table, "complaint", high) == 12
    assert _cell(table, TOTAL, middle) == 14
    assert table["hidden"] == []
    by_school = _table(_snapshot(world), "complaints_by_school")
    assert [(row["label"]["en"], row["cells"][ALL][0]) for row in by_school["rows"]] == [
        ("A High", 23),
        ("A Middle", 14),
        ("District", 37),
    ]


def test_a_small_count_and_the_counts_that_would_give_it_away_are_suppressed(world):
    complaints(world.a_school, 12)
    complaints(world.a_school, 3, kind="concern")
    complaints(world.a_other_school, 15)
    table = _table(_snapshot(world), "complaints_received")
    high, middle = str(world.a_school.pk), str(world.a_other_school.pk)
    assert _cell(table, "concern", high) == SUPPRESSED  # 3 people: primary
    assert _cell(table, "complaint", high) == SUPPRESSED  # else 15 - 12 = 3
    assert _cell(table, "concern") == SUPPRESSED  # 3 in the district too
    assert _cell(table, "complaint") == SUPPRESSED  # else 30 - 27 = 3, and A High's 27 - 15 = 12
    assert _cell(table, "complaint", middle) == 15
    assert _cell(table, TOTAL) == 30
    assert _cell(table, TOTAL, high) == 15
    assert SUPPRESSED not in str(_table(_snapshot(world), "complaints_by_school")["rows"])


def test_allegations_and_outcomes_count_each_concern_once(world):
    complaints(world.a_school, 12, categories=("search", "force"), finding="sustained")
    complaints(world.a_other_school, 10, categories=("search",), finding="not_sustained")
    complaints(world.a_other_school, 10, categories=("search",))  # not decided yet
    snapshot = _snapshot(world)
    allegations = _table(snapshot, "complaints_by_allegation")
    assert _cell(allegations, "search") == 32
    assert _cell(allegations, "force") == 12
    assert _cell(allegations, TOTAL) == 44
    outcomes = _table(snapshot, "complaint_outcomes")
    assert _cell(outcomes, "sustained") == 24
    assert _cell(outcomes, "not_sustained") == 10
    assert _cell(outcomes, TOTAL) == 34


def test_time_to_close_is_counted_in_school_days_against_the_district_deadlines(world):
    DeadlinePolicyFactory(
        district=world.a, triage_days=5, school_review_days=30, police_review_days=20, outcome_days=10
    )
    complaints(world.a_school, 12, filed=MONDAY, closed=MONDAY + datetime.timedelta(days=14))  # 10 school days
    complaints(world.a_school, 10, filed=MONDAY, closed=MONDAY + datetime.timedelta(weeks=13))  # 65, over 45
    complaints(world.a_other_school, 4)  # still open
    table = _table(_snapshot(world), "complaint_timeliness")
    assert _cell(table, "on_time") == 12
    assert _cell(table, "late") == 10
    assert _cell(table, TOTAL) == 22
    assert _cell(table, "median_days") == 10
    assert _cell(table, "on_time_share") == 54.5
    assert "45 school days" in table["notes"]["en"]
    assert "45 días lectivos" in table["notes"]["es"]


def test_the_share_on_time_is_suppressed_when_it_would_give_a_small_count_away(world):
    complaints(world.a_school, 12, filed=MONDAY, closed=MONDAY + datetime.timedelta(days=14))
    complaints(world.a_school, 2, filed=MONDAY, closed=MONDAY + datetime.timedelta(weeks=13))
    table = _table(_snapshot(world), "complaint_timeliness")
    assert _cell(table, "late") == SUPPRESSED
    assert _cell(table, "on_time_share") == SUPPRESSED
    assert _cell(table, "median_days") == 10  # 14 closed: enough people, and the median counts nobody


def test_enforcement_events_come_from_the_activity_reports_in_both_languages(world):
    officer = world.a_roster.officer
    for _ in range(12):
        build_event(officer, world.a_school, type=EventType.CITATION)
    for _ in range(2):
        build_event(officer, world.a_other_school, type=EventType.ARREST)
    snapshot = _snapshot(world)
    by_school = _table(snapshot, "enforcement_schools")
    assert _cell(by_school, str(world.a_other_school.pk)) == SUPPRESSED  # 2 events
    assert _cell(by_school, str(world.a_school.pk)) == SUPPRESSED  # else 14 - 12
    assert _cell(by_school, TOTAL) == 14
    by_type = _table(snapshot, "enforcement_types")
    assert by_type["title"]["es"] != by_type["title"]["en"]
    assert {row["key"] for row in by_type["rows"]} >= {"citation", "arrest"}
    assert any(table["key"].startswith("enforcement_rates_") for table in snapshot["tables"])


def test_training_shows_sessions_and_hours_held_and_hides_a_handful_of_officers(world, today_is):
    from assessment.models.training import TrainingAttendance, TrainingEvent

    today_is(datetime.date(2026, 11, 27))  # the January session is still to come

    summit = TrainingEvent.objects.create(district=world.a, title_en="August summit", date=MONDAY, hours=6)
    october = datetime.date(2026, 10, 12)
    TrainingEvent.objects.create(district=world.a, title_en="October session", date=october, hours=3)
    TrainingEvent.objects.create(district=world.a, title_en="Not held yet", date=datetime.date(2027, 1, 11), hours=2)
    TrainingEvent.objects.create(district=world.b, title_en="Elsewhere", date=MONDAY, hours=8)
    TrainingAttendance.objects.create(event=summit, officer=world.a_roster.officer)
    table = _table(snapshot_compute(district=world.a, school_year=2026), "training_completed")
    assert _cell(table, "events") == 2
    assert _cell(table, "hours") == 9.0
    # One officer (no hours required here, so they met them): hidden, and so is the total (else 1 - 0).
    assert _cell(table, "met") == SUPPRESSED
    assert _cell(table, TOTAL) == SUPPRESSED


def test_dialogue_sessions_count_the_people_checked_in(world):
    from feedback.models import Registration, Session

    start = timezone.make_aware(datetime.datetime(2026, 10, 1, 18))
    values = {"district": world.a, "title_en": "Listening", "starts_at": start, "capacity": 50}
    held = Session.objects.create(kind="listening", ends_at=start + datetime.timedelta(hours=2), **values)
    cancelled = Session.objects.create(
        kind="listening", ends_at=start + datetime.timedelta(hours=2), cancelled_at=start, **values
    )
    for n in range(12):
        Registration.objects.create(session=held, name=f"P{n}", status="confirmed", attendance="present")
    Registration.objects.create(session=held, name="Absent", status="confirmed", attendance="no_show")
    Registration.objects.create(session=cancelled, name="X", status="confirmed", attendance="present")
    table = _table(_snapshot(world), "dialogue_sessions")
    assert _cell(table, "listening", column=1) == 12
    assert _cell(table, "listening", column=0) == SUPPRESSED  # one session: below the threshold like any count


def test_complainants_satisfaction_shows_the_share_agreeing_and_never_a_comment(world):
    from tests.surveys.results_fill import fill
    from workflows.satisfaction import satisfaction_survey_for

    survey = satisfaction_survey_for(world.a)
    survey.schools.set([world.a_school, world.a_other_school])
    answers = {"SAT-FAIR": "agree", "SAT-CLEAR": "disagree", "SAT-COMMENT": "Officer Smith was rude"}
    fill(survey, world.a_school, 10, group="guardian", answers=answers)
    fill(survey, world.a_school, 10, group="guardian", answers={"SAT-FAIR": "strongly_disagree"})
    fill(survey, world.a_other_school, 12, group="guardian", answers={"SAT-FAIR": "agree"})
    fill(survey, world.a_other_school, 3, group="guardian", answers={"SAT-TIMELY": "agree"})
    snapshot = _snapshot(world)
    table = _table(snapshot, "complaint_satisfaction")
    high, middle = str(world.a_school.pk), str(world.a_other_school.pk)
    assert [row["key"] for row in table["rows"]] == ["SAT-FAIR", "SAT-CLEAR", "SAT-TIMELY"]
    assert _cell(table, "SAT-FAIR", column=0) == 32
    assert _cell(table, "SAT-FAIR", column=1) == round(100 * 22 / 32, 1)
    assert _cell(table, "SAT-FAIR", high, column=1) == 50.0
    assert _cell(table, "SAT-FAIR", middle, column=1) == 100.0
    assert _cell(table, "SAT-CLEAR", high, column=1) == 0.0
    assert _cell(table, "SAT-TIMELY", middle, column=0) == SUPPRESSED  # 3 answers
    assert "Smith" not in str(snapshot)
