"""The assessment page costs the same number of queries however many criteria, notes and
sign-offs it shows (no query per row)."""

import pytest
from django.urls import reverse

from accounts.models import Role
from assessment.models import AdvisoryNote
from assessment.services import annual as services
from tests.assessment.annual_world import AnnualWorld
from tests.factories import member

pytestmark = pytest.mark.django_db
PAGE_QUERIES = 15


@pytest.fixture
def annual_world(db):
    return AnnualWorld()


def _at_advisory(w):
    assessment = w.open()
    for name, user in (("district_score", w.coordinator), ("agency_score", w.agency_head)):
        services.annual_scores_submit(task=w.task(assessment, name), user=user, scores=w.scores(assessment))
    services.annual_reconcile(task=w.task(assessment, "reconcile"), user=w.coordinator, agreed=w.scores(assessment))
    return assessment


def _page_queries(client, django_assert_num_queries, assessment, user):
    client.force_login(user)
    url = reverse("staff:assessment:annual", args=[assessment.pk])
    client.get(url)  # session and scope caches warm
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(url).status_code == 200


def test_the_assessment_page_needs_no_query_per_row(client, django_assert_num_queries, annual_world):
    w = annual_world
    assessment = _at_advisory(w)
    services.annual_sign_off(assessment=assessment, user=w.advisory, agrees=True)
    _page_queries(client, django_assert_num_queries, assessment, w.coordinator)

    for n in range(5):
        extra = member(Role.ADVISORY, district=w.district)
        services.annual_note_add(assessment=assessment, user=extra, kind="comment", body=f"Note {n}")
        services.annual_sign_off(assessment=assessment, user=extra, agrees=False, reason="No")
    assert AdvisoryNote.objects.count() == 5
    _page_queries(client, django_assert_num_queries, assessment, w.coordinator)
