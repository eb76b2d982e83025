"""State report templates: each law's shape as CSV, for the district's coordinator only."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from accounts.models import Role
from activity.models import EventType
from activity.services.state_reports import STATE_REPORTS
from core.models import AuditEvent, AuditKind
from tests.activity.builders import build_event, offence
from tests.factories import member

pytestmark = pytest.mark.django_db
PAGE = reverse("staff:activity:state_reports")


def url(key):
    return reverse("staff:activity:state_report_csv", args=[key])


@pytest.fixture
def events(world):
    """At A High in 2026–27: an arrest (Black boy, 15, IEP), a citation (White girl, EL, 504 plan), a search
    (nothing known), a call enforcing school discipline; one arrest the year before; one in district B."""
    officer = world.a_roster.officer
    theft, loitering = offence(world.a, "theft"), offence(world.a, "loitering")
    student = {"student_race": "black", "student_gender": "male", "student_age": 15, "student_grade": "10"}
    build_event(officer, world.a_school, type=EventType.ARREST, offence=theft, student_disability="iep", **student)
    build_event(
        officer,
        world.a_school,
        type=EventType.CITATION,
        offence=loitering,
        referred_for_charging=True,
        student_race="white",
        student_gender="female",
        student_age=14,
        student_english_learner="yes",
        student_disability="504",
    )
    build_event(officer, world.a_school, type=EventType.SEARCH, offence=theft)
    build_event(officer, world.a_school, school_discipline=True)
    build_event(officer, world.a_school, type=EventType.ARREST, offence=theft, date=dt.date(2026, 6, 1))
    build_event(world.b_roster.officer, world.b_school, type=EventType.ARREST, offence=offence(world.b, "theft"))
    return world


def download(client, user, key, district, year=2026):
    client.force_login(user)
    response = client.get(url(key), {"district": district.pk, "school_year": year})
    assert response.status_code == 200
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return lines[0], lines[1:]


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


def test_washington_lists_each_arrest_use_of_force_or_discipline_incident_with_the_students_groups(
    client, events, coordinator
):
    header, rows = download(client, coordinator, "wa-rcw-28a-320-1241", events.a)
    assert header[:3] == ["school", "incident_date", "incident_result"]
    assert header[-3:] == ["iep", "section_504_plan", "english_learner"]
    results = sorted(row[2] for row in rows)
    assert results == ["student arrest", "student discipline"]
    arrest = next(row for row in rows if row[2] == "student arrest")
    assert arrest[6:] == ["black", "male", "15", "10", "yes", "no", "not known"]


def test_colorado_lists_arrests_summonses_and_tickets_with_age_gender_and_race(client, events, coordinator):
    header, rows = download(client, coordinator, "co-crs-22-32-146", events.a)
    assert header == list(STATE_REPORTS["co-crs-22-32-146"].columns)
    assert sorted(row[3] for row in rows) == ["arrest", "summons or ticket"]
    ticket = next(row for row in rows if row[3] == "summons or ticket")
    assert ticket[4:] == ["Loitering or trespass", "yes", "14", "female", "white"]


def test_utah_counts_each_action_by_reason_and_every_student_breakdown(client, events, coordinator):
    header, rows = download(client, coordinator, "ut-53e-3-516", events.a)
    assert header == ["action", "reason", "breakdown", "group", "count"]
    counts = {tuple(row[:4]): int(row[4]) for row in rows}
    assert counts[("arrest", "Theft or property damage", "all", "all")] == 1
    assert counts[("arrest", "Theft or property damage", "age", "15")] == 1
    assert counts[("search and seizure", "Theft or property damage", "race", "not known")] == 1
    assert counts[("citation", "Loitering or trespass", "disability", "504")] == 1
    # A call for service is no law enforcement action under the statute.
    assert not [key for key in counts if key[0] not in {"arrest", "search and seizure", "citation"}]


def test_the_crdc_table_counts_referrals_and_arrests_by_race_sex_idea_el_and_504(client, events, coordinator):
    header, rows = download(client, coordinator, "crdc-arrs", events.a)
    table = {(row[1], row[2]): dict(zip(header, row, strict=True)) for row in rows}
    arrests_idea = table[("school-related arrest", "idea")]
    assert (arrests_idea["black_male"], arrests_idea["total"]) == ("1", "1")
    referrals = table[("referral to law enforcement", "not_idea")]
    assert (referrals["white_female"], referrals["el_female"], referrals["504_female"]) == ("1", "1", "1")
    assert table[("school-related arrest", "not_idea")]["total"] == "0"


def test_the_files_cover_only_the_chosen_year_and_district(client, events, coordinator):
    _header, rows = download(client, coordinator, "co-crs-22-32-146", events.a, year=2025)
    assert [row[2] for row in rows] == ["2026-06-01"]


def test_only_the_districts_coordinator_exports_its_state_reports(client, events, coordinator):
    client.force_login(member(Role.SCHOOL_ADMIN, school=events.a_school))
    assert client.get(PAGE).status_code == 404
    assert client.get(url("crdc-arrs")).status_code == 404
    client.force_login(member(Role.COORDINATOR, district=events.b))
    assert client.get(url("crdc-arrs"), {"district": events.a.pk}).status_code == 404


def test_an_unknown_shape_is_not_found_and_an_export_is_audited(client, events, coordinator):
    client.force_login(coordinator)
    assert client.get(url("texas")).status_code == 404
    client.get(url("ut-53e-3-516"))
    assert AuditEvent.objects.filter(actor=coordinator, kind=AuditKind.ACTIVITY_RECORDS_EXPORTED).count() == 1


def test_the_page_lists_every_template_with_its_law(client, events, coordinator):
    client.force_login(coordinator)
    page = client.get(PAGE).content.decode()
    for law in ("RCW 28A.320.1241", "C.R.S. 22-32-146", "Utah Code 53E-3-516", "CRDC"):
        assert law in page
