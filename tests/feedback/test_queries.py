"""The staff lists cost the same number of queries for many rows as for one (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.models import HeardItem, HeardStatus, Registration, Theme
from tests.feedback.builders import build_session

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_people(session, n):
    for i in range(n):
        Registration.objects.create(
            session=session, name=f"P{i}", email=f"p{i}@example.org", status="confirmed", school=session.schools.first()
        )


def test_the_roster_does_not_grow_with_the_people_on_it(client, world, facilitator):
    session = build_session(world.a, [world.a_school], facilitators=[facilitator], capacity=50)
    client.force_login(facilitator)
    url = reverse("staff:sessions:roster", args=[session.pk])
    add_people(session, 1)
    queries(client, url)  # the first request of a sign-in writes its session
    one = queries(client, url)
    add_people(session, 20)
    assert queries(client, url) == one


def test_the_session_lists_do_not_grow_with_the_sessions_on_them(client, world, coordinator):
    client.force_login(coordinator)
    queries(client, reverse("staff:sessions:index"))  # the first request of a sign-in writes its session
    theme = Theme.objects.first()
    for url in (reverse("staff:sessions:index"), reverse("feedback:sessions"), reverse("staff:sessions:heard_index")):
        session = build_session(world.a, [world.a_school])
        HeardItem.objects.create(session=session, theme=theme, text="x", status=HeardStatus.APPROVED)
        one = queries(client, url)
        for _ in range(5):
            more = build_session(world.a, [world.a_school])
            HeardItem.objects.create(session=more, theme=theme, text="y", status=HeardStatus.APPROVED)
            HeardItem.objects.create(session=more, theme=theme, text="z")
        assert queries(client, url) == one, url
