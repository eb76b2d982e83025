"""The staff report pages: counts, subgroup rates, the quarterly view, CSV of every table, scoped by the rules."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role, SchoolLevel
from activity.models import Enrolment, EnrolmentDimension, EventType, OutreachActivity, OutreachKind
from activity.services.reports import public_enforcement_tables
from core.models import AuditEvent, AuditKind
from tests.activity.builders import build_event, offence
from tests.factories import OfficerFactory, RosterAssignmentFactory, SchoolFactory, member

pytestmark = pytest.mark.django_db
REPORTS = reverse("staff:activity:reports")
QUARTERLY = reverse("staff:activity:report_quarterly")


def csv_url(table):
    return reverse("staff:activity:report_csv", args=[table])


@pytest.fixture
def figures(world, sro):
    """A High (high school): 3 events by the signed-up SRO, 2 Black and 1 White student; A Middle: 1 event by a
    colleague, race not known; District B: 1 event. Race enrolment at A High: 100 Black, 400 White."""
    world.a_school.level = SchoolLevel.HIGH
    world.a_school.save()
    world.a_other_school.level = SchoolLevel.MIDDLE
    world.a_other_school.save()
    mine = world.a_roster.officer
    colleague = OfficerFactory(agency=world.a_agency)
    RosterAssignmentFactory(officer=colleague, school=world.a_other_school)
    loitering = offence(world.a, "loitering")
    build_event(mine, world.a_school, type=EventType.CITATION, offence=loitering, student_race="black")
    build_event(
        mine, world.a_school, type=EventType.ARREST, offence=loitering, student_race="black", date=dt.date(2026, 11, 3)
    )
    build_event(mine, world.a_school, student_race="white", date=dt.date(2027, 2, 10))
    build_event(colleague, world.a_other_school, date=dt.date(2026, 9, 1))
    build_event(world.b_roster.officer, world.b_school)
    for value, count in {"black": 100, "white": 400}.items():
        Enrolment.objects.create(
            school=world.a_school, school_year=2026, dimension=EnrolmentDimension.RACE, value=value, count=count
        )
    for school, count in ((world.a_school, 500), (world.a_other_school, 250)):
        Enrolment.objects.create(school=school, school_year=2026, dimension=EnrolmentDimension.ALL, count=count)
    return world


def tables_of(client, user, query=""):
    """The report's tables for ``query``, in the fixture's school year (2026-27) unless the query names a period:
    the page opens on the current school year, which moves on every August 1."""
    if "school_year=" not in query and "month=" not in query:
        query += ("&" if query else "?") + "school_year=2026"
    client.force_login(user)
    response = client.get(REPORTS + query)
    assert response.status_code == 200
    return {table.key: table for table in response.context["tables"]}


def rows(table):
    return {str(row[0]): row[1:] for row in table.rows}


def test_the_coordinator_counts_every_school_of_the_district_by_school_type_offence_and_month(client, figures):
    coordinator = member(Role.COORDINATOR, district=figures.a)
    tables = tables_of(client, coordinator, "?school_year=2026")
    assert rows(tables["schools"]) == {"A High": (3,), "A Middle": (1,)}
    assert rows(tables["types"])["Citation, ticket or summons"] == (1,)
    assert rows(tables["types"])["Use of force"] == (0,)
    assert rows(tables["offences"]) == {"Loitering or trespass": (2,), "No offence recorded": (2,)}
    assert tables["months"].rows == [
        ("September 2026", 1),
        ("October 2026", 1),
        ("November 2026", 1),
        ("February 2027", 1),
    ]


def test_the_report_sums_each_schools_outreach_and_keeps_unknown_reach_apart(client, figures):
    officer = figures.a_roster.officer
    for people in (30, None, 0):
        OutreachActivity.objects.create(
            officer=officer,
            agency=officer.agency,
            school=figures.a_school,
            date=dt.date(2026, 10, 1),
            kind=OutreachKind.PRESENTATION,
            minutes=20,
            people_reached=people,
        )
    outreach = rows(tables_of(client, member(Role.COORDINATOR, district=figures.a))["outreach"])
    assert outreach == {"A High": (3, 60, 30, 1), "A Middle": (0, 0, None, 0)}
    # The month filter applies to outreach too.
    september = tables_of(client, member(Role.COORDINATOR, district=figures.a), "?month=2026-09")
    assert rows(september["outreach"])["A High"] == (0, 0, None, 0)


def test_the_report_counts_the_events_raising_each_mou_check(client, figures):
    flags = rows(tables_of(client, member(Role.COORDINATOR, district=figures.a))["flags"])
    # The loitering citation without a threat (item 7); the arrest: no warrant or threat, no principal or guardian.
    assert flags[
        "MOU item 7: Citation, ticket or petition for a public order offence without a real and immediate threat"
    ] == (1,)
    assert flags["MOU item 8: Custody at school without a warrant or a real and immediate threat"] == (1,)
    assert flags["MOU item 2: Recorded as enforcing school discipline"] == (0,)


def test_the_coordinator_reads_each_race_groups_rate_and_risk_ratio(client, figures):
    coordinator = member(Role.COORDINATOR, district=figures.a)
    race = rows(tables_of(client, coordinator)["rates-race"])
    # Black: 2 of 100 → 20.0 per 1,000; White: 1 of 400 → 2.5; ratios 0.02 / 0.0025 = 8.0 and 0.125 → 0.13
    assert race["Black or African American"] == (2, 100, 20.0, 8.0)
    assert race["White"] == (1, 400, 2.5, 0.13)
    assert race["Not known"] == (1, None, None, None)


def test_a_school_administrator_reads_only_their_school(client, figures):
    principal = member(Role.SCHOOL_ADMIN, school=figures.a_other_school)
    tables = tables_of(client, principal)
    assert rows(tables["schools"]) == {"A Middle": (1,)}
    assert rows(tables["rates-race"]) == {"Not known": (1, None, None, None)}


def test_a_police_reviewer_gets_counts_but_no_student_demographics(client, figures):
    reviewer = member(Role.POLICE_REVIEWER, agency=figures.a_agency)
    tables = tables_of(client, reviewer)
    assert sum(n for _label, n in tables["types"].rows) == 4
    assert not [key for key in tables if key.startswith("rates-")]
    client.force_login(reviewer)
    assert client.get(csv_url("rates-race")).status_code == 404


def test_an_sro_counts_only_their_own_events(client, figures, sro):
    tables = tables_of(client, sro)
    assert tables["types"].total == 3


def test_the_filter_narrows_the_figures_by_level_and_type(client, figures):
    coordinator = member(Role.COORDINATOR, district=figures.a)
    tables = tables_of(client, coordinator, "?level=middle")
    assert rows(tables["schools"]) == {"A Middle": (1,)}
    tables = tables_of(client, coordinator, f"?type={EventType.ARREST}")
    assert tables["schools"].total == 1


def test_a_bad_month_is_refused_next_to_the_field_with_no_figures(client, figures):
    client.force_login(member(Role.COORDINATOR, district=figures.a))
    response = client.get(REPORTS + "?month=soon")
    assert response.status_code == 200
    assert response.context["tables"] == []
    assert "Enter a month as YYYY-MM." in response.content.decode()


def test_the_page_shows_a_chart_of_the_types_with_its_table(client, figures):
    client.force_login(member(Role.COORDINATOR, district=figures.a))
    page = client.get(REPORTS + "?school_year=2026").content.decode()
    assert "<svg" in page and "Share of events by type" in page
    assert "Data table" in page


def test_every_table_downloads_as_csv_with_its_header(client, figures):
    client.force_login(member(Role.COORDINATOR, district=figures.a))
    response = client.get(csv_url("rates-race") + "?school_year=2026")
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == ["Subgroup", "Events", "Students enrolled", "Rate per 1,000 students", "Risk ratio"]
    assert ["Black or African American", "2", "100", "20.0", "8.0"] in lines
    assert ["Not known", "1", "", "", ""] in lines
    assert client.get(csv_url("nonsense")).status_code == 404


def test_viewing_and_downloading_the_report_are_audited(client, figures):
    coordinator = member(Role.COORDINATOR, district=figures.a)
    client.force_login(coordinator)
    client.get(REPORTS + "?school_year=2026")
    client.get(csv_url("schools"))
    kinds = list(AuditEvent.objects.filter(actor=coordinator).values_list("kind", flat=True))
    assert AuditKind.ACTIVITY_RECORDS_VIEWED in kinds and AuditKind.ACTIVITY_RECORDS_EXPORTED in kinds


def test_the_quarterly_view_counts_each_level_per_quarter_with_its_rate(client, figures):
    client.force_login(member(Role.COORDINATOR, district=figures.a))
    [table] = client.get(QUARTERLY + "?school_year=2026").context["tables"]
    quarters = rows(table)
    # High: Q1 (Aug–Oct) a citation; Q2 (Nov–Jan) an arrest; Q3 (Feb–Apr) a call. 500 students.
    assert quarters["High, quarter 1"] == (1, 1, 0, 2.0)
    assert quarters["High, quarter 2"] == (1, 0, 1, 2.0)
    assert quarters["High, quarter 3"] == (1, 0, 0, 2.0)
    assert quarters["High, quarter 4"] == (0, 0, 0, 0.0)
    assert quarters["Middle, quarter 1"] == (1, 0, 0, 4.0)
    # No elementary school has enrolment: no rate rather than zero.
    assert quarters["Elementary, quarter 1"] == (0, 0, 0, None)
    assert client.get(csv_url("quarterly") + "?school_year=2026").status_code == 200


def test_the_report_page_reads_as_many_queries_with_more_schools_and_events(client, figures):
    client.force_login(member(Role.COORDINATOR, district=figures.a))
    with CaptureQueriesContext(connection) as few:
        client.get(REPORTS + "?school_year=2026")
    for n in range(3):
        school = SchoolFactory(district=figures.a, level=SchoolLevel.ELEMENTARY)
        for _ in range(n + 2):
            build_event(figures.a_roster.officer, school, student_race="asian", type=EventType.SEARCH)
    with CaptureQueriesContext(connection) as many:
        client.get(REPORTS + "?school_year=2026")
    assert len(many) == len(few) == 27


# ---- Public figures ------------------------------------------------------------------------------------------------


@pytest.fixture
def public(world):
    """40 events in district A: A High 25 (20 Black and 5 White girls), A Low 12 (10 White and 2 Hispanic boys),
    A Middle 3 (boys, race not known, searches); 1 event in district B."""
    officer = world.a_roster.officer
    low = SchoolFactory(district=world.a, name="A Low")

    def log(count, school, **fields):
        for _ in range(count):
            build_event(officer, school, **fields)

    log(20, world.a_school, student_race="black", student_gender="female")
    log(5, world.a_school, student_race="white", student_gender="female")
    log(10, low, student_race="white", student_gender="male")
    log(2, low, student_race="hispanic", student_gender="male")
    log(3, world.a_other_school, student_gender="male", type=EventType.SEARCH)
    build_event(world.b_roster.officer, world.b_school)
    enrol = {EnrolmentDimension.RACE: {"black": 100, "white": 400, "hispanic": 100}}
    enrol[EnrolmentDimension.GENDER] = {"female": 200, "male": 300}
    for dimension, counts in enrol.items():
        for value, count in counts.items():
            Enrolment.objects.create(
                school=world.a_school, school_year=2026, dimension=dimension, value=value, count=count
            )
    return {table.key: table for table in public_enforcement_tables(district=world.a, school_year=2026, threshold=10)}


def cells(table):
    return {row.label: tuple(None if c.suppressed else c.value for c in row.cells) for row in table.rows}


def test_public_counts_under_the_threshold_are_hidden_with_one_more_so_they_cannot_be_worked_out(public):
    # A Middle (3) is too small; hiding it alone would leave it as 40 − 25 − 12: A Low is hidden with it.
    assert cells(public["schools"]) == {"A High": (25,), "A Low": (None,), "A Middle": (None,)}
    assert public["schools"].total.value == 40
    hidden = {row.label for row in public["schools"].rows if row.cells[0].suppressed}
    assert hidden == {"A Low", "A Middle"}


def test_public_zero_counts_are_shown_as_zero(public):
    types = cells(public["types"])
    assert types["Use of force"] == (0,)
    # Searches (3) hidden, and the calls with them, else 40 − calls gives the searches away.
    assert types["Search"] == (None,) and types["Call for service"] == (None,)


def test_public_rates_and_risk_ratios_are_shown_when_no_hidden_count_is_behind_them(public):
    gender = cells(public["rates-gender"])
    # Girls 25 of 200 → 125.0; boys 15 of 300 → 50.0; ratios 0.125 / 0.05 = 2.5 and 0.4.
    assert gender == {"Female": (25, 200, 125.0, 2.5), "Male": (15, 300, 50.0, 0.4)}


def test_a_public_risk_ratio_that_would_give_away_part_of_the_hidden_counts_is_hidden(public):
    race = cells(public["rates-race"])
    # Hispanic (2) and not known (3) are hidden, White (15) with them. Black's ratio would give away
    # White + Hispanic = 17, so the not-known 3 as 40 − 20 − 17: it is hidden, the rate is not.
    assert race["Black or African American"] == (20, 100, 200.0, None)
    assert race["White"] == (None, 400, None, None)
    assert race["Hispanic or Latino of any race"] == (None, 100, None, None)
    assert race["Not known"] == (None, None, None, None)


def test_public_tables_say_how_small_counts_are_treated(public):
    assert "fewer than 10 events" in public["schools"].notes[0]


def test_a_reviewers_events_at_a_school_their_agency_no_longer_serves_still_count_by_school(client, figures):
    unserved = SchoolFactory(district=figures.a, name="A Annex")  # no officer of the agency rostered there
    build_event(figures.a_roster.officer, unserved)
    reviewer = member(Role.POLICE_REVIEWER, agency=figures.a_agency)
    tables = tables_of(client, reviewer)
    assert rows(tables["schools"])["A Annex"] == (1,)
    assert tables["schools"].total == tables["types"].total == 5
