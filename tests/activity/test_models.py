"""What the records promise later imports and reports: one row per agency record number and per subgroup."""

import pytest
from django.db import IntegrityError, transaction

from activity.models import Enrolment, EnrolmentDimension
from tests.activity.builders import build_event

pytestmark = pytest.mark.django_db


def test_an_agency_record_number_is_stored_once_per_agency(world):
    build_event(world.a_roster.officer, world.a_school, external_id="CAD-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        build_event(world.a_roster.officer, world.a_school, external_id="CAD-1")
    # Another agency may use the same number, and records without one are many.
    build_event(world.b_roster.officer, world.b_school, external_id="CAD-1")
    build_event(world.a_roster.officer, world.a_school)
    build_event(world.a_roster.officer, world.a_school)


def test_an_enrolment_subgroup_has_one_count_per_school_and_year_and_zero_stays_zero(world):
    row = {"school": world.a_school, "school_year": 2025, "dimension": EnrolmentDimension.RACE, "value": "pacific"}
    Enrolment.objects.create(count=0, **row)
    assert Enrolment.objects.get().count == 0
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(count=3, **row)
