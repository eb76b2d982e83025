"""The case page costs a fixed number of queries however long the case is,
and writes exactly one "viewed" audit event per page view."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Audience
from core.models import AuditEvent
from tests.factories import AllegationFactory, MessageFactory

pytestmark = pytest.mark.django_db

# Sign-in, membership and MFA middleware included.
CASE_PAGE_QUERIES = {"coordinator": 20, "school_admin": 19, "police_reviewer": 18}


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("who", sorted(CASE_PAGE_QUERIES))
def test_the_case_page_query_count_does_not_grow_with_the_case(client, everyone_on_a_case, who):
    world = everyone_on_a_case
    url = reverse("staff:reviews:case", args=[world.complaint.pk])
    client.force_login(world.people[who])
    client.get(url)  # warm the per-process caches (content types, session)
    short = _count(client, url)
    for i in range(10):
        MessageFactory(complaint=world.complaint, audience=Audience.CASE, body=f"Note {i}")
    AllegationFactory(complaint=world.complaint, category="force")
    assert _count(client, url) == short <= CASE_PAGE_QUERIES[who]


def test_one_page_view_is_one_audit_event(client, everyone_on_a_case):
    world = everyone_on_a_case
    client.force_login(world.case.coordinator)
    before = AuditEvent.objects.filter(action="viewed").count()
    client.get(reverse("staff:reviews:case", args=[world.complaint.pk]))
    assert AuditEvent.objects.filter(action="viewed").count() == before + 1
