"""Role x organisation matrix: each staff role reaches exactly its own
organisations; anything else answers 404 (never 403, so existence is not
revealed)."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import member

# Who holds the role, in district A: the organisation the membership names.
ROLE_SCOPES = {
    Role.SCHOOL_ADMIN: {"school": "a_school"},
    Role.POLICE_REVIEWER: {"agency": "a_agency"},
    Role.SRO: {"agency": "a_agency"},
    Role.COORDINATOR: {"district": "a"},
    Role.ADVISORY: {"district": "a"},
    Role.FACILITATOR: {"district": "a"},
}

SCHOOL_EXPECTED = {
    #                      own-served school, other school in district A, school in district B
    Role.SCHOOL_ADMIN: (200, 404, 404),
    Role.POLICE_REVIEWER: (200, 404, 404),
    Role.SRO: (200, 404, 404),
    Role.COORDINATOR: (200, 200, 404),
    Role.ADVISORY: (200, 200, 404),
    Role.FACILITATOR: (200, 200, 404),
}

AGENCY_EXPECTED = {
    #                      agency of district A, agency of district B
    Role.SCHOOL_ADMIN: (404, 404),
    Role.POLICE_REVIEWER: (200, 404),
    Role.SRO: (200, 404),
    Role.COORDINATOR: (200, 404),
    Role.ADVISORY: (200, 404),
    Role.FACILITATOR: (404, 404),
}


def _member_of(world, role):
    scope = {key: getattr(world, attr) for key, attr in ROLE_SCOPES[role].items()}
    return member(role, **scope)


@pytest.mark.parametrize("role", list(SCHOOL_EXPECTED))
def test_staff_see_only_schools_in_their_scope(client, world, role):
    client.force_login(_member_of(world, role))
    schools = [world.a_school, world.a_other_school, world.b_school]
    got = tuple(client.get(reverse("staff:orgs:school", args=[s.pk])).status_code for s in schools)
    assert got == SCHOOL_EXPECTED[role]


@pytest.mark.parametrize("role", list(AGENCY_EXPECTED))
def test_staff_see_only_agencies_in_their_scope(client, world, role):
    client.force_login(_member_of(world, role))
    agencies = [world.a_agency, world.b_agency]
    got = tuple(client.get(reverse("staff:orgs:agency", args=[a.pk])).status_code for a in agencies)
    assert got == AGENCY_EXPECTED[role]


def test_a_missing_school_answers_the_same_404_as_another_districts_school(client, world):
    client.force_login(member(Role.COORDINATOR, district=world.a))
    assert client.get(reverse("staff:orgs:school", args=[999999])).status_code == 404
    assert client.get(reverse("staff:orgs:school", args=[world.b_school.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.STUDENT, Role.GUARDIAN, Role.STAFF, Role.COMMUNITY])
def test_people_without_a_staff_role_are_refused_the_staff_area(client, world, role):
    client.force_login(member(role, district=world.a))
    assert client.get(reverse("staff:orgs:index")).status_code == 403
    assert client.get(reverse("staff:orgs:school", args=[world.a_school.pk])).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    response = client.get(reverse("staff:orgs:school", args=[world.a_school.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_dashboard_lists_only_the_schools_a_school_admin_may_open(client, world):
    client.force_login(member(Role.SCHOOL_ADMIN, school=world.a_school))
    page = client.get(reverse("staff:orgs:index")).content.decode()
    assert "A High" in page
    assert "A Middle" not in page and "B High" not in page


def test_dashboard_query_count_does_not_grow_with_schools(client, world, django_assert_max_num_queries):
    from tests.factories import SchoolFactory

    client.force_login(member(Role.COORDINATOR, district=world.a))
    SchoolFactory.create_batch(30, district=world.a)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("staff:orgs:index")).status_code == 200


def test_agency_page_query_count_does_not_grow_with_officers(client, world, django_assert_max_num_queries):
    from tests.factories import RosterAssignmentFactory

    client.force_login(member(Role.POLICE_REVIEWER, agency=world.a_agency))
    RosterAssignmentFactory.create_batch(20, officer__agency=world.a_agency, school=world.a_school)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("staff:orgs:agency", args=[world.a_agency.pk]))
    assert page.status_code == 200
    assert page.content.decode().count("A High") >= 21
