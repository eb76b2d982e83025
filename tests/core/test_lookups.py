"""A value no database column can hold (a forged form value or page address) matches nothing instead of failing:
a number beyond 64 bits (SQLite cannot be sent one), a text with a NUL (PostgreSQL refuses it). See core.lookups."""

import pytest

from accounts.models import School
from tests.factories import SchoolFactory
from workflows.models import MonthlyCertification

pytestmark = pytest.mark.django_db
BEYOND_64_BITS = int("9" * 30)


def test_a_number_beyond_any_id_in_a_list_matches_no_row_and_the_others_still_do():
    school = SchoolFactory()
    assert list(School.objects.filter(pk__in=[BEYOND_64_BITS])) == []
    assert list(School.objects.filter(pk__in=[school.pk, BEYOND_64_BITS, -BEYOND_64_BITS])) == [school]
    assert list(School.objects.exclude(pk__in=[BEYOND_64_BITS])) == [school]


def test_a_key_compared_with_a_number_beyond_any_id_matches_nothing():
    school = SchoolFactory()
    assert list(School.objects.filter(district=BEYOND_64_BITS)) == []
    assert list(School.objects.filter(district__in=[school.district_id, BEYOND_64_BITS])) == [school]
    assert list(School.objects.exclude(district=BEYOND_64_BITS)) == [school]
    # A key to a one-to-one key (a viewflow process's subclass) compares the number of the column at the end.
    assert list(MonthlyCertification.objects.filter(review=BEYOND_64_BITS)) == []
    assert list(MonthlyCertification.objects.filter(review__in=[BEYOND_64_BITS])) == []


def test_a_text_with_a_nul_character_matches_nothing():
    school = SchoolFactory(slug="lincoln")
    assert list(School.objects.filter(slug="lin\x00coln")) == []
    assert list(School.objects.filter(slug__in=["lincoln", "lin\x00coln"])) == [school]
    assert list(School.objects.exclude(slug="lin\x00coln")) == [school]
