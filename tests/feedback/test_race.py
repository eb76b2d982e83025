"""Two people taking the last seat at the same moment: one seat, one waitlist place (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from feedback.models import RegistrationStatus
from feedback.services.registrations import registration_create
from tests.feedback.builders import build_session, person

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serialises every writer, so two transactions can never race for the seat there",
    ),
]


def test_two_people_taking_the_last_seat_at_once_give_one_confirmed_and_one_waitlisted(world):
    session = build_session(world.a, [world.a_school], capacity=1)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def take_seat(name):
        try:
            barrier.wait(timeout=10)
            registration, _ = registration_create(session=session, fields=person(name))
            results.append(registration.status)
        except Exception as error:  # reported below; a thread's exception would otherwise vanish
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take_seat, args=(name,)) for name in ("Ana", "Ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert sorted(results) == sorted([RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 1
