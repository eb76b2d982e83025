"""The reach pages ask the database a fixed number of times, however much they show."""

import pytest
from django.urls import reverse

from accounts.models import Role
from surveys.codes import code_generate
from surveys.models import ClassCode
from tests.factories import SchoolFactory, member
from tests.surveys.builders import DEFAULT_QUESTIONS, build_survey

pytestmark = pytest.mark.django_db

# page -> queries (session, user, memberships and the survey's access check included)
PAGES = {
    "reach_links": 6,
    "reach_class_codes": 8,
    "reach_paper": 7,
    "reach_paper_entry": 8,
    "reach_codes": 8,  # with its audit event (it lists opted-out students)
}

MORE_QUESTIONS = DEFAULT_QUESTIONS + [(page + 3, f"{code}-B", *rest) for page, code, *rest in DEFAULT_QUESTIONS]


def _grow(world, survey, coordinator, n):
    for i in range(n):
        school = SchoolFactory(district=world.a)
        survey.schools.add(school)
        ClassCode.objects.create(
            survey=survey, school=school, label=f"Room {i}", code=code_generate(6), created_by=coordinator
        )


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_reach_page_costs_the_same_queries_for_a_small_and_a_large_survey(
    client, world, name, django_assert_num_queries
):
    coordinator = member(Role.COORDINATOR, district=world.a)
    small = build_survey(world.a, [world.a_school])
    large = build_survey(world.a, [world.a_school], questions=MORE_QUESTIONS)
    _grow(world, small, coordinator, 2)
    _grow(world, large, coordinator, 12)
    client.force_login(coordinator)
    for survey in (small, large):
        with django_assert_num_queries(PAGES[name]):
            assert client.get(reverse(f"staff:surveys:{name}", kwargs={"pk": survey.pk})).status_code == 200
