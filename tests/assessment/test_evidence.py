"""The evidence pack's figures, checked against values counted by hand from a small district:
records outside the school year (1 Aug 2025 – 31 Jul 2026), of another district, or of another
kind never count."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from activity.models import EnforcementEvent, Enrolment, EventType, OutreachActivity
from assessment.models import Goal, WorkPlanTask
from assessment.services.evidence import (
    complaint_statistics,
    contacts_section,
    dialogue_section,
    evidence_pack,
    goals_section,
    work_plans_section,
)
from complaints.models import Appeal, Complaint, OutcomeLetter
from feedback.models import HeardItem, HeardStatus, Theme
from tests.factories import (
    AllegationFactory,
    ComplaintFactory,
    DistrictFactory,
    RosterAssignmentFactory,
    SchoolCalendarClosureFactory,
    SchoolFactory,
)
from tests.feedback.builders import build_session
from workflows.models import TaskDue
from workflows.review.start import review_start

pytestmark = pytest.mark.django_db
ZONE = ZoneInfo(settings.TIME_ZONE)
YEAR = 2025


def at(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(10), tzinfo=ZONE)


@pytest.fixture
def district(db):
    return DistrictFactory(name="Evidence district")


def _complaint(district, school, filed: str, *, kind="complaint", categories=(("search", ""),), published=None):
    complaint = ComplaintFactory(school=school, kind=kind)
    Complaint.objects.filter(pk=complaint.pk).update(created_at=at(filed))
    for category, final in categories:
        AllegationFactory(complaint=complaint, category=category, final_finding=final)
    if published:
        OutcomeLetter.objects.create(complaint=complaint, body="Letter", published_at=at(published))
    return complaint


def test_complaint_statistics_match_the_hand_count(district):
    school = SchoolFactory(district=district)
    SchoolCalendarClosureFactory(district=district, starts_on=dt.date(2025, 9, 3), ends_on=dt.date(2025, 9, 3))
    # Mon 1 Sep -> Mon 8 Sep: 5 weekdays, one closed: 4 school days. Mon 6 Oct -> Mon 20 Oct: 10 school days.
    first = _complaint(
        district,
        school,
        "2025-09-01",
        categories=(("search", "sustained"), ("conduct", "not_sustained")),
        published="2025-09-08",
    )
    second = _complaint(district, school, "2025-10-06", categories=(("force", ""),), published="2025-10-20")
    _complaint(district, school, "2026-03-02")  # open: no outcome yet
    _complaint(district, school, "2025-07-15", published="2025-07-20")  # the year before
    _complaint(district, school, "2025-11-03", kind="concern")  # not a complaint
    _complaint(SchoolFactory().district, SchoolFactory(), "2025-11-03")  # another district
    for complaint in (first, second):
        review_start(complaint)
    TaskDue.objects.filter(task__process__complaintprocess__complaint=second).update(escalated_at=at("2025-10-10"))
    Appeal.objects.create(complaint=first, reason="No", decided_at=at("2025-10-01"), decision="Upheld")
    Appeal.objects.create(complaint=second, reason="No")

    stats = complaint_statistics(district=district, school_year=YEAR)

    assert stats["received"] == 3
    assert stats["by_allegation"]["search"] == 2 and stats["by_allegation"]["conduct"] == 1
    assert stats["by_allegation"]["force"] == 1 and stats["by_allegation"]["arrest"] == 0
    assert stats["by_outcome"]["sustained"] == 1 and stats["by_outcome"]["not_sustained"] == 1
    assert sum(stats["by_outcome"].values()) == 2
    assert stats["resolved"] == 2
    assert stats["median_school_days_to_resolution"] == 7  # median of 4 and 10
    assert stats["share_on_time"] == 0.5  # the second had an escalated step
    assert (stats["appeals"], stats["appeals_decided"]) == (2, 1)


def test_contacts_count_events_by_type_and_school_and_outreach_by_kind(district):
    school, other_school = (
        SchoolFactory(district=district, name="North"),
        SchoolFactory(district=district, name="South"),
    )
    officer = RosterAssignmentFactory(school=school, officer__agency__district=district).officer
    records = {"officer": officer, "agency_id": officer.agency_id}
    for day, kind, where, gender in (
        ("2025-09-10", EventType.CITATION, school, "female"),
        ("2026-02-10", EventType.CITATION, school, ""),
        ("2026-05-10", EventType.ARREST, other_school, "male"),
        ("2026-08-02", EventType.ARREST, school, "female"),  # next year
    ):
        EnforcementEvent.objects.create(
            date=dt.date.fromisoformat(day), type=kind, school=where, student_gender=gender, **records
        )
    for gender, count in (("female", 100), ("male", 200)):
        Enrolment.objects.create(school=school, school_year=YEAR, dimension="gender", value=gender, count=count)
    for people, minutes in ((30, 45), (None, 60)):
        OutreachActivity.objects.create(
            date=dt.date(2025, 10, 1),
            kind="presentation",
            people_reached=people,
            minutes=minutes,
            school=school,
            **records,
        )

    contacts = contacts_section(district=district, school_year=YEAR)

    assert contacts["events_total"] == 3
    assert contacts["events_by_type"]["citation"] == 2 and contacts["events_by_type"]["arrest"] == 1
    assert contacts["events_by_school"] == {"North": 2, "South": 1}
    assert contacts["outreach_total"] == 2
    assert contacts["outreach_by_kind"]["presentation"] == {"activities": 2, "people_reached": 30, "minutes": 105}
    assert contacts["outreach_by_kind"]["visibility"]["activities"] == 0
    female = next(row for row in contacts["rates"]["gender"] if row["value"] == "female")
    assert (female["events"], female["enrolled"], female["rate_per_1000"]) == (1, 100, 10.0)
    assert (female["label_en"], female["label_es"]) == ("Female", "Femenino")


def test_work_plans_goals_and_dialogue_themes_are_gathered_per_year(district):
    school = SchoolFactory(district=district, name="North")
    WorkPlanTask.objects.create(school=school, school_year=YEAR, text="Lunch visits", done=True)
    WorkPlanTask.objects.create(school=school, school_year=YEAR, text="Orientation talk")
    WorkPlanTask.objects.create(school=school, school_year=YEAR - 1, text="Last year's")
    Goal.objects.create(district=district, school_year=YEAR, title_en="Fewer arrests", status="met")
    session = build_session(
        district,
        [school],
        starts_in=dt.timedelta(0),
        starts_at=at("2025-11-05"),
        ends_at=at("2025-11-05") + dt.timedelta(hours=1),
    )
    safety = Theme.objects.create(district=district, name_en="Safety", name_es="Seguridad")
    for status in (HeardStatus.APPROVED, HeardStatus.APPROVED, HeardStatus.SUBMITTED):
        HeardItem.objects.create(session=session, theme=safety, text="Said", status=status)

    assert work_plans_section(district=district, school_year=YEAR) == [
        {
            "school": "North",
            "done": 1,
            "tasks": [
                {"text": "Lunch visits", "done": True, "note": ""},
                {"text": "Orientation talk", "done": False, "note": ""},
            ],
        }
    ]
    assert [g["title_en"] for g in goals_section(district=district, school_year=YEAR)] == ["Fewer arrests"]
    assert dialogue_section(district=district, school_year=YEAR) == {
        "sessions": 1,
        "themes": [{"name_en": "Safety", "name_es": "Seguridad", "items": 2}],
    }


def test_an_empty_year_gives_zeros_not_errors(district):
    pack = evidence_pack(district=district, school_year=YEAR)
    assert pack["feedback"]["complaints"]["received"] == 0
    assert pack["feedback"]["complaints"]["median_school_days_to_resolution"] is None
    assert pack["contacts"]["events_total"] == 0
    assert pack["training"]["compliance"] == []


def test_partner_rounds_of_the_year_bring_both_forms_headlines(district):
    from django.utils import timezone

    from accounts.models import Role
    from core.schoolyear import school_year_of
    from feedback.services.partner import partner_round_open
    from tests.factories import AgencyFactory, member

    AgencyFactory(district=district)
    today = timezone.localdate()
    partner_round_open(
        district=district,
        label="Fall",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        actor=member(Role.COORDINATOR, district=district),
    )
    this_year = school_year_of(today)
    [partner] = evidence_pack(district=district, school_year=this_year)["partners"]
    assert partner["label"] == "Fall" and partner["concerns_answered"] == 0
    assert partner["sro"]["respondents"] == 0 and partner["school"]["respondents"] == 0
    assert evidence_pack(district=district, school_year=this_year - 1)["partners"] == []
