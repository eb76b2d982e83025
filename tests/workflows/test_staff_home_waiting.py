"""The staff home page says what waits for a person in every flow, not only in the complaint reviews: the monthly
review's and the annual assessment's open steps they may do, each with a link to where they are listed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.assessment.annual_world import AnnualWorld
from tests.factories import RosterAssignmentFactory, SchoolFactory
from tests.workflows.monthly_world import NOVEMBER_DAY, MonthlyWorld
from workflows.monthly import services
from workflows.monthly.opening import monthly_reviews_open
from workflows.monthly.selectors import open_tasks

pytestmark = pytest.mark.django_db


def _home(client, user, language="en") -> str:
    client.force_login(user)
    return " ".join(client.get(reverse("staff:index"), HTTP_ACCEPT_LANGUAGE=language).content.decode().split())


def test_an_sro_is_told_a_month_waits_for_their_certification_until_they_certify_it(client):
    world = MonthlyWorld()
    review = world.open_october()
    page = _home(client, world.sro)
    assert "Monthly review</h2>" in page and "SRO certifies the month: 1" in page
    assert f'href="{reverse("staff:monthly:index")}?state=open">Open the monthly reviews' in page
    assert "Nothing is waiting for you." not in page
    spanish = _home(client, world.sro, "es")
    assert "Revisión mensual</h2>" in spanish and "Abrir las revisiones mensuales" in spanish
    services.monthly_certify(task=open_tasks(review).get(), user=world.sro)
    assert "SRO certifies the month" not in _home(client, world.sro)
    assert "Nothing is waiting for you." in _home(client, world.sro)
    assert "SRO certifies the month: 1" in _home(client, world.sro2)  # the other rostered SRO has not certified


def test_the_school_administrator_and_the_coordinator_are_told_only_of_their_own_monthly_steps(client):
    world = MonthlyWorld()
    review = world.open_october()
    for user in (world.principal, world.coordinator, world.other_principal, world.reviewer):
        assert "Monthly review</h2>" not in _home(client, user)  # nobody but the SROs certifies
    for user in (world.sro, world.sro2):
        services.monthly_certify(task=open_tasks(review).get(), user=user)
    assert "School review: 1" in _home(client, world.principal)
    assert "Monthly review</h2>" not in _home(client, world.other_principal)
    assert "Monthly review</h2>" not in _home(client, world.coordinator)


def test_the_monthly_steps_on_the_home_page_cost_the_same_queries_for_one_school_or_many(client):
    world = MonthlyWorld()
    world.open_october()
    client.force_login(world.coordinator)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("staff:index"))
    for _ in range(3):
        RosterAssignmentFactory(school=SchoolFactory(district=world.district), officer=world.officer)
    monthly_reviews_open(today=NOVEMBER_DAY)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("staff:index"))
    assert len(many) == len(one)


def test_each_side_of_the_annual_assessment_is_told_of_its_own_scoring_step(client):
    world = AnnualWorld()
    world.open()
    coordinator = _home(client, world.coordinator)
    assert "Annual assessment</h2>" in coordinator and "District scores the rubric: 1" in coordinator
    assert "Agency scores the rubric" not in coordinator
    assert f'href="{reverse("staff:assessment:annual_list")}">Open the annual assessments' in coordinator
    police = _home(client, world.police_reviewer)
    assert "Agency scores the rubric: 1" in police and "District scores the rubric" not in police
    assert "Evaluación anual</h2>" in _home(client, world.agency_head, "es")
    for user in (world.superintendent, world.advisory, world.school_admin, world.other_coordinator):
        page = _home(client, user)
        assert "Annual assessment</h2>" not in page and "Nothing is waiting for you." in page
