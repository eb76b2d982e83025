"""The demo's tests (`seed_demo`, `purge_demo`) share one seeded demo: seeding takes 10-25 s."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.shared_data import held_for_tests


@pytest.fixture(scope="package")
def demo_seeded(django_db_setup, django_db_blocker):
    """The whole demo, seeded once for this package's tests (each test in a savepoint, see held_for_tests); gives
    what `manage.py seed_demo` printed. Tests that need a site without the demo: tests/accounts/test_demo_refusals.py.
    """

    def seed() -> str:
        out = StringIO()
        with override_settings(DEMO_MODE=True):
            call_command("seed_demo", stdout=out)
        return out.getvalue()

    with held_for_tests(django_db_blocker, seed) as printed:
        yield printed
