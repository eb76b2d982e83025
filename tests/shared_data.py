"""Data made once for the tests of a module or a package."""

import contextlib
from collections.abc import Callable

from django.db import connection
from django.test import TestCase


@contextlib.contextmanager
def held_for_tests(django_db_blocker, make: Callable):
    """What ``make()`` writes stays for the tests of a module-scoped or package-scoped fixture using this, as Django's
    ``setUpTestData`` keeps a class's: a transaction opened for them holds it, each test runs in a savepoint inside
    that transaction (what one test deletes, the next still has), and it is rolled back after the last of them, so
    no other test sees it. For data that takes seconds to make and that most of the tests only read. The module or
    package should hold only tests of that data: its tests that do not ask for it still run beside it. Gives what
    ``make()`` returns.

    Its foreign keys are checked once, here, as Django checks each test's at its end: on PostgreSQL, a check made
    only inside a test's savepoint is rolled back with it, so every test would check the whole of the data again.
    On PostgreSQL its tables are analysed too, as autovacuum does in production (it cannot see rows not committed):
    with the counts of earlier modules' rolled-back rows, one query of a survey test took 40 s instead of 0.5 s.
    """
    with django_db_blocker.unblock():
        atomics = TestCase._enter_atomics()
        try:
            made = make()
            connection.check_constraints()
            if connection.vendor == "postgresql":
                _analyze()
            yield made
        finally:
            TestCase._rollback_atomics(atomics)


def _analyze() -> None:
    """ANALYZE inside the transaction: it counts the transaction's own new rows, and its statistics go with the
    rollback."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
