"""Staff training pages: the coordinator adds events and records attendance, sets the required hours; each person
sees the compliance rows their role reaches; every page and change is audited."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import Role
from assessment.models import TrainingAttendance, TrainingEvent, TrainingRequirement
from core.models import AuditEvent, AuditKind
from tests.assessment.training_builders import attend, event, require, topic
from tests.factories import AgencyFactory, OfficerFactory, RosterAssignmentFactory, member

pytestmark = pytest.mark.django_db
EVENTS = reverse("staff:assessment:training")
ADD = reverse("staff:assessment:training_add")
COMPLIANCE = reverse("staff:assessment:training_compliance")
REQUIREMENTS = reverse("staff:assessment:training_requirements")


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


@pytest.fixture
def officers(world):
    """A's rostered officer (with an SRO account), a colleague of another agency of district A, B's officer; each
    attended a held event of their district in 2025–26."""
    mine = world.a_roster.officer
    mine.user = member(Role.SRO, agency=world.a_agency)
    mine.save()
    other_agency = AgencyFactory(district=world.a, name="A Sheriff")
    colleague = RosterAssignmentFactory(officer__agency=other_agency, school=world.a_other_school).officer
    summit = event(world.a, "2025-08-12", "6", "de-escalation", "mental-health", title="Summit")
    attend(summit, officer=mine)
    attend(summit, officer=colleague)
    attend(event(world.b, "2025-08-12", "8", "de-escalation"), officer=world.b_roster.officer)
    require(world.a, "8")
    require(world.a, "4", "de-escalation")
    return {"mine": mine, "colleague": colleague, "other_agency": other_agency}


def compliance(client, user, query="?school_year=2025"):
    client.force_login(user)
    response = client.get(COMPLIANCE + query)
    assert response.status_code == 200
    return response


def test_the_coordinator_adds_an_event_with_its_topics(client, world, coordinator):
    client.force_login(coordinator)
    data = {
        "district": world.a.pk,
        "title_en": "January guidance session",
        "title_es": "Sesión de orientación de enero",
        "date": "2027-01-15",
        "hours": "3",
        "location": "Board room",
        "topics": [topic("mou-roles").pk, topic("privacy-ferpa").pk],
        "audience": [Role.SRO],
    }
    response = client.post(ADD, data)
    made = TrainingEvent.objects.get()
    assert response.status_code == 302 and response.url == reverse("staff:assessment:training_event", args=[made.pk])
    assert (made.district, made.hours, made.audience) == (world.a, Decimal("3"), ["sro"])
    assert sorted(made.topics.values_list("code", flat=True)) == ["mou-roles", "privacy-ferpa"]
    audited = AuditEvent.objects.get(kind=AuditKind.TRAINING_EVENT_CREATED)
    assert (audited.actor, audited.district_id) == (coordinator, world.a.pk)


def test_an_event_without_topic_or_with_zero_hours_comes_back_with_the_errors_next_to_the_fields(
    client, world, coordinator
):
    client.force_login(coordinator)
    response = client.post(ADD, {"district": world.a.pk, "title_en": "x", "date": "2027-01-15", "hours": "0"})
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) >= {"topics", "hours", "audience"}
    assert 'id="id_hours_error"' in response.content.decode()
    assert not TrainingEvent.objects.exists()


def test_a_coordinator_cannot_add_an_event_to_another_district(client, world, coordinator):
    client.force_login(coordinator)
    response = client.post(ADD, {"district": world.b.pk, "title_en": "x", "date": "2027-01-15", "hours": "1"})
    assert "district" in response.context["form"].errors


def test_the_coordinator_records_who_attended_and_the_change_is_audited(client, world, coordinator, officers):
    held = TrainingEvent.objects.get(district=world.a)
    principal = member(Role.SCHOOL_ADMIN, school=world.a_school)
    client.force_login(coordinator)
    url = reverse("staff:assessment:training_event", args=[held.pk])
    response = client.post(url, {"officers": [officers["mine"].pk], "people": [principal.pk]})
    assert response.status_code == 302
    present = TrainingAttendance.objects.filter(event=held)
    assert {(row.officer_id, row.user_id) for row in present} == {(officers["mine"].pk, None), (None, principal.pk)}
    audited = AuditEvent.objects.get(kind=AuditKind.TRAINING_ATTENDANCE_RECORDED)
    assert audited.changes["officers"] == [
        sorted([officers["mine"].pk, officers["colleague"].pk]),
        [officers["mine"].pk],
    ]


def test_another_districts_officers_cannot_be_marked_present(client, world, coordinator, officers):
    held = TrainingEvent.objects.get(district=world.a)
    client.force_login(coordinator)
    response = client.post(
        reverse("staff:assessment:training_event", args=[held.pk]), {"officers": [world.b_roster.officer.pk]}
    )
    assert response.status_code == 200 and "officers" in response.context["form"].errors


def test_an_attendee_number_beyond_any_record_is_refused_next_to_the_field_and_nothing_is_recorded(
    client, world, coordinator, officers
):
    held = TrainingEvent.objects.get(district=world.a)
    before = set(TrainingAttendance.objects.filter(event=held).values_list("officer_id", "user_id"))
    client.force_login(coordinator)
    url = reverse("staff:assessment:training_event", args=[held.pk])
    response = client.post(url, {"officers": [officers["mine"].pk, "9" * 30]})
    assert response.status_code == 200 and "officers" in response.context["form"].errors
    assert set(TrainingAttendance.objects.filter(event=held).values_list("officer_id", "user_id")) == before


def test_the_coordinator_changes_an_event_and_the_audit_holds_what_changed(client, world, coordinator, officers):
    held = TrainingEvent.objects.get(district=world.a)
    client.force_login(coordinator)
    data = {
        "title_en": "Summit",
        "title_es": "Cumbre",
        "date": "2025-08-12",
        "hours": "7",
        "topics": [topic("de-escalation").pk],
        "audience": [Role.SRO, Role.SCHOOL_ADMIN],
        "joint_with_school_staff": "on",
    }
    response = client.post(reverse("staff:assessment:training_edit", args=[held.pk]), data)
    assert response.status_code == 302
    held.refresh_from_db()
    assert (held.hours, held.joint_with_school_staff, held.district) == (Decimal("7"), True, world.a)
    changes = AuditEvent.objects.get(kind=AuditKind.TRAINING_EVENT_CHANGED).changes
    assert changes["hours"] == ["6.00", "7"]
    assert changes["topics"] == [["de-escalation", "mental-health"], ["de-escalation"]]


def test_the_coordinator_sets_and_removes_a_required_number_of_hours(client, world, coordinator):
    client.force_login(coordinator)
    data = {"district": world.a.pk, "role": Role.SRO, "topic": topic("implicit-bias").pk, "hours": "2.5"}
    assert client.post(REQUIREMENTS, data).status_code == 302
    assert TrainingRequirement.objects.get(district=world.a, topic__code="implicit-bias").hours == Decimal("2.5")
    assert client.post(REQUIREMENTS, {**data, "hours": "0"}).status_code == 302
    assert not TrainingRequirement.objects.filter(district=world.a).exists()
    assert AuditEvent.objects.filter(kind=AuditKind.TRAINING_REQUIREMENTS_CHANGED).count() == 2


def test_negative_hours_are_refused_next_to_the_field(client, world, coordinator):
    client.force_login(coordinator)
    response = client.post(REQUIREMENTS, {"district": world.a.pk, "role": Role.SRO, "hours": "-1"})
    assert response.status_code == 200 and "hours" in response.context["form"].errors


def test_the_coordinator_reads_every_sro_of_the_district(client, world, coordinator, officers):
    rows = compliance(client, coordinator).context["rows"]
    assert {row.officer.pk for row in rows} == {officers["mine"].pk, officers["colleague"].pk}
    # 6 hours of 8; de-escalation: 6 / 2 topics = 3 of 4.
    assert "6 of 8" in compliance(client, coordinator).content.decode()


def test_the_agency_head_reads_only_their_agencys_officers(client, world, officers):
    chief = member(Role.AGENCY_HEAD, agency=officers["other_agency"])
    rows = compliance(client, chief).context["rows"]
    assert [row.officer.pk for row in rows] == [officers["colleague"].pk]


def test_an_sro_reads_only_their_own_row(client, world, officers):
    rows = compliance(client, officers["mine"].user).context["rows"]
    assert [row.officer.pk for row in rows] == [officers["mine"].pk]


def test_a_police_reviewer_has_no_compliance_page(client, world, officers):
    client.force_login(member(Role.POLICE_REVIEWER, agency=world.a_agency))
    assert client.get(COMPLIANCE).status_code == 404


def test_reading_compliance_is_audited(client, world, coordinator, officers):
    compliance(client, coordinator)
    note = AuditEvent.objects.get(kind=AuditKind.TRAINING_VIEWED).note
    assert note == f"compliance district={world.a.pk} year=2025"


def test_the_event_list_shows_the_districts_events_filtered_by_school_year(client, world, coordinator, officers):
    event(world.a, "2026-09-01", "2", "implicit-bias", title="Next year")
    client.force_login(member(Role.ADVISORY, district=world.a))
    listed = client.get(EVENTS + "?school_year=2025").context["events"]
    assert [e.title for e in listed] == ["Summit"]
    assert AuditEvent.objects.filter(kind=AuditKind.TRAINING_VIEWED, note="school_year=2025").exists()


def test_the_event_list_takes_a_fixed_number_of_queries(client, world, coordinator, django_assert_num_queries):
    for day in range(1, 8):
        event(world.a, f"2025-09-0{day}", "1", "de-escalation", "mental-health")
    client.force_login(coordinator)
    client.get(EVENTS)  # warm the session and the scope
    with django_assert_num_queries(9):
        client.get(EVENTS)
    event(world.a, "2025-10-01", "1", "implicit-bias")
    with django_assert_num_queries(9):
        client.get(EVENTS)


def test_the_compliance_page_takes_a_fixed_number_of_queries(
    client, world, coordinator, officers, django_assert_num_queries
):
    compliance(client, coordinator)
    with django_assert_num_queries(17):
        compliance(client, coordinator)
    extra = OfficerFactory(agency=world.a_agency)
    RosterAssignmentFactory(officer=extra, school=world.a_school, starts_on=datetime.date(2025, 9, 1))
    attend(TrainingEvent.objects.get(district=world.a), officer=extra)
    with django_assert_num_queries(17):
        compliance(client, coordinator)


def test_the_compliance_link_is_offered_only_to_those_who_may_read_it(client, world, coordinator):
    client.force_login(member(Role.POLICE_REVIEWER, agency=world.a_agency))
    assert COMPLIANCE not in client.get(EVENTS).content.decode()
    client.force_login(coordinator)
    assert COMPLIANCE in client.get(EVENTS).content.decode()
