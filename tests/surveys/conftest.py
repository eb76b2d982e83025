import pytest

from tests.surveys.builders import build_survey


@pytest.fixture
def climate(world):
    """District A's open climate survey, running at both of its schools."""
    return build_survey(world.a, [world.a_school, world.a_other_school])
