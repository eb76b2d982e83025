import pytest

from accounts.models import Role
from tests.factories import member
from tests.feedback.builders import build_session


@pytest.fixture
def session(world):
    """An upcoming session of district A at A High with ten seats."""
    return build_session(world.a, [world.a_school])


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


@pytest.fixture
def facilitator(world):
    return member(Role.FACILITATOR, district=world.a)
