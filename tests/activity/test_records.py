"""The staff list, one event, and the CSV: who sees what, flags shown, demographics hidden from police reviewers."""

import csv
import io

import pytest
from django.urls import reverse

from accounts.models import Role
from activity.models import EventType
from core.models import AuditEvent, AuditKind
from tests.activity.builders import build_event, offence
from tests.factories import OfficerFactory, RosterAssignmentFactory, member

pytestmark = pytest.mark.django_db
INDEX = reverse("staff:activity:index")
EXPORT = reverse("staff:activity:export")


@pytest.fixture
def events(world, sro):
    """Two events by the signed-up SRO at A High, one by a colleague at A Middle, one in district B."""
    mine = world.a_roster.officer
    colleague = OfficerFactory(agency=world.a_agency)
    RosterAssignmentFactory(officer=colleague, school=world.a_other_school)
    return {
        "flagged": build_event(
            mine, world.a_school, type=EventType.CITATION, offence=offence(world.a, "loitering"), student_age=15
        ),
        "plain": build_event(mine, world.a_school, student_race="white"),
        "colleague": build_event(colleague, world.a_other_school),
        "other_district": build_event(world.b_roster.officer, world.b_school),
    }


def listed(client, user, query=""):
    client.force_login(user)
    return {event.pk for event in client.get(INDEX + query).context["events"]}


def test_an_sro_sees_only_their_own_events(client, sro, events):
    assert listed(client, sro) == {events["flagged"].pk, events["plain"].pk}


def test_a_school_administrator_sees_their_schools_events(client, world, events):
    principal = member(Role.SCHOOL_ADMIN, school=world.a_other_school)
    assert listed(client, principal) == {events["colleague"].pk}


def test_the_coordinator_sees_the_whole_district(client, world, events):
    coordinator = member(Role.COORDINATOR, district=world.a)
    assert listed(client, coordinator) == {events["flagged"].pk, events["plain"].pk, events["colleague"].pk}


def test_a_police_reviewer_sees_their_agencys_events(client, world, events):
    reviewer = member(Role.POLICE_REVIEWER, agency=world.a_agency)
    assert listed(client, reviewer) == {events["flagged"].pk, events["plain"].pk, events["colleague"].pk}


def test_the_advisory_team_has_no_records_page(client, world, events):
    client.force_login(member(Role.ADVISORY, district=world.a))
    assert client.get(INDEX).status_code == 404


def test_the_list_shows_each_events_mou_flag(client, sro, events):
    client.force_login(sro)
    page = client.get(INDEX).content.decode()
    assert "Item 7: Citation, ticket or petition for a public order offence" in page


def test_the_flagged_filter_keeps_only_flagged_events(client, sro, events):
    assert listed(client, sro, "?flagged=on") == {events["flagged"].pk}


def test_filters_by_type_offence_and_month(client, world, events):
    coordinator = member(Role.COORDINATOR, district=world.a)
    loitering = offence(world.a, "loitering").pk
    assert listed(client, coordinator, f"?type=citation&offence={loitering}") == {events["flagged"].pk}
    assert listed(client, coordinator, "?month=2026-10") == {
        events["flagged"].pk,
        events["plain"].pk,
        events["colleague"].pk,
    }
    assert listed(client, coordinator, "?month=2026-09") == set()


def test_a_bad_month_is_a_translated_error_next_to_the_field(client, sro, events):
    client.force_login(sro)
    response = client.get(INDEX + "?month=October")
    assert response.status_code == 200
    assert 'id="id_month_error"' in response.content.decode()


def test_the_list_reads_in_a_fixed_number_of_queries(client, world, events, django_assert_num_queries):
    coordinator = member(Role.COORDINATOR, district=world.a)
    client.force_login(coordinator)
    client.get(INDEX)  # warm the session
    for extra in range(30):
        build_event(world.a_roster.officer, world.a_school, school_discipline=bool(extra % 2))
    with django_assert_num_queries(10):  # one of them: may this person import (the link to the imports)
        client.get(INDEX)


def test_listing_viewing_and_exporting_are_audited(client, sro, events):
    client.force_login(sro)
    client.get(INDEX + "?flagged=on")
    client.get(reverse("staff:activity:event", args=[events["flagged"].pk]))
    client.get(EXPORT)
    kinds = list(AuditEvent.objects.filter(actor=sro).values_list("kind", "note"))
    assert (AuditKind.ACTIVITY_RECORDS_VIEWED, "flagged=on") in kinds
    assert AuditKind.ACTIVITY_EVENT_VIEWED in {kind for kind, _ in kinds}
    assert AuditKind.ACTIVITY_RECORDS_EXPORTED in {kind for kind, _ in kinds}


def test_an_sro_cannot_open_a_colleagues_event(client, sro, events):
    client.force_login(sro)
    assert client.get(reverse("staff:activity:event", args=[events["colleague"].pk])).status_code == 404


def test_the_coordinator_reads_the_students_demographics(client, world, events):
    client.force_login(member(Role.COORDINATOR, district=world.a))
    page = client.get(reverse("staff:activity:event", args=[events["flagged"].pk])).content.decode()
    assert "The student, as they were then" in page
    assert "<dd>15</dd>" in page


def test_a_police_reviewer_reads_the_event_without_the_students_demographics(client, world, events):
    client.force_login(member(Role.POLICE_REVIEWER, agency=world.a_agency))
    response = client.get(reverse("staff:activity:event", args=[events["flagged"].pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The student, as they were then" not in page
    assert "<dd>15</dd>" not in page


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_police_reviewers_export_has_no_demographic_columns(client, world, events):
    client.force_login(member(Role.POLICE_REVIEWER, agency=world.a_agency))
    header, *rows = read_csv(client.get(EXPORT))
    assert "Student's age" not in header and "Race or ethnicity" not in header
    assert len(rows) == 3
    assert all("White" not in row for row in rows)


def test_the_coordinators_export_has_demographics_and_flags(client, world, events):
    client.force_login(member(Role.COORDINATOR, district=world.a))
    header, *rows = read_csv(client.get(EXPORT + "?flagged=on"))
    assert "Student's age" in header and "Race or ethnicity" in header  # capitalised like every header
    (row,) = rows
    assert row[header.index("MOU flags")] == "public_order_without_threat"
    assert row[header.index("Student's age")] == "15"


def test_the_export_defuses_a_formula_in_a_school_name(client, world, events):
    world.a_school.name = '=HYPERLINK("http://evil")'
    world.a_school.save()
    client.force_login(member(Role.COORDINATOR, district=world.a))
    header, *rows = read_csv(client.get(EXPORT))
    names = {row[header.index("School")] for row in rows}
    assert '\'=HYPERLINK("http://evil")' in names
    assert not any(name.startswith("=") for name in names)


def test_outreach_activities_are_listed_for_the_school_administrator_and_not_another_school(client, world, sro):
    from activity.models import OutreachActivity

    officer = world.a_roster.officer
    OutreachActivity.objects.create(
        officer=officer, agency=world.a_agency, school=world.a_school, date="2026-10-05", kind="visibility", minutes=30
    )
    url = reverse("staff:activity:outreach")
    client.force_login(member(Role.SCHOOL_ADMIN, school=world.a_school))
    page = client.get(url).content.decode()
    assert "Visible at lunch or in common areas" in page and "Not known" in page
    client.force_login(member(Role.SCHOOL_ADMIN, school=world.a_other_school))
    assert list(client.get(url).context["activities"]) == []


def test_the_month_filter_keeps_the_last_day_of_the_month_and_not_the_next_month(client, world, sro):
    officer = world.a_roster.officer
    december_31 = build_event(officer, world.a_school, date="2025-12-31")
    build_event(officer, world.a_school, date="2026-01-01")
    assert listed(client, sro, "?month=2025-12") == {december_31.pk}


def test_the_next_page_link_keeps_the_filter(client, sro, world):
    for _ in range(26):
        build_event(world.a_roster.officer, world.a_school, school_discipline=True)
    client.force_login(sro)
    page = client.get(INDEX + "?flagged=on").content.decode()
    assert "?flagged=on&amp;page=2" in page
