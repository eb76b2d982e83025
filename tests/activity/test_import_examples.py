"""The example files in docs/examples/ import cleanly into the demo district, the CSV and the workbook alike."""

from pathlib import Path

import pytest
from django.utils import timezone

from accounts.demo import demo_district_create
from accounts.models import Agency, User
from activity.imports.services import batch_import, batch_upload
from activity.models import EnforcementEvent

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.mark.parametrize("name", ["activity-import.csv", "activity-import.xlsx"])
def test_the_documented_example_file_imports_without_a_row_error(name):
    demo_district_create(today=timezone.localdate())
    agency = Agency.objects.get(slug="riverside-pd")
    chief = User.objects.get(email="chief@demo.commonground.test")
    batch = batch_upload(agency=agency, kind="events", name=name, content=(EXAMPLES / name).read_bytes(), by=chief)
    assert (batch.errors, batch.new) == ([], 7)
    batch_import(batch=batch, by=chief, valid_rows_only=False)
    arrest = EnforcementEvent.objects.get(external_id="RPD-26-0451")
    assert (arrest.type, arrest.offence.code, arrest.real_threat, arrest.student_disability) == (
        "arrest",
        "weapon",
        True,
        "iep",
    )
    assert EnforcementEvent.objects.get(external_id="RPD-26-0412").student_age is None  # not known, not zero
