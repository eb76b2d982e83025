"""A list of ids with a number no database column can hold (a forged form value) matches nothing for that number,
on SQLite too, where sending such a number fails (core.lookups)."""

import pytest

from accounts.models import School
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db
BEYOND_64_BITS = int("9" * 30)


def test_a_number_beyond_any_id_in_a_list_matches_no_row_and_the_others_still_do():
    school = SchoolFactory()
    assert list(School.objects.filter(pk__in=[BEYOND_64_BITS])) == []
    assert list(School.objects.filter(pk__in=[school.pk, BEYOND_64_BITS, -BEYOND_64_BITS])) == [school]
    assert list(School.objects.exclude(pk__in=[BEYOND_64_BITS])) == [school]
