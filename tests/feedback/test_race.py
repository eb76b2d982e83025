"""Two people taking the last seat at the same moment: one seat, one waitlist place (PostgreSQL)."""

import pytest
from django.db import connection

from feedback.models import RegistrationStatus
from feedback.services.registrations import registration_create
from tests.feedback.builders import build_session, person
from tests.race import at_once

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every writer, so two transactions can never race for the seat there",
    ),
]


def test_two_people_taking_the_last_seat_at_once_give_one_confirmed_and_one_waitlisted(world):
    session = build_session(world.a, [world.a_school], capacity=1)
    taken = at_once(
        *(lambda name=name: registration_create(session=session, fields=person(name)) for name in ("Ana", "Ben"))
    )
    results = [registration.status for registration, _ in taken]
    assert sorted(results) == sorted([RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 1
