import pytest

from accounts.models import Role
from tests.factories import member


@pytest.fixture
def sro(world):
    """The SRO rostered at A High, signed up with an account."""
    user = member(Role.SRO, agency=world.a_agency, email="sro@example.org")
    officer = world.a_roster.officer
    officer.user = user
    officer.save()
    return user
