"""Importing an agency's file: the dry run finds every row's errors, nothing is saved from a file with errors
unless the valid rows are chosen, the same file twice changes nothing, Excel reads like CSV."""

import pytest
import tablib

from activity.imports.services import ImportRefused, batch_import, batch_upload
from activity.models import EnforcementEvent, ImportBatch, OutreachActivity, RecordKind
from activity.services.locks import month_lock
from core.models import AuditEvent, AuditKind
from tests.factories import member

pytestmark = pytest.mark.django_db

HEADER = "Incident Number,Date,School,Badge,Type,Offense,Age,Race,Gender\n"


@pytest.fixture
def officer(world):
    officer = world.a_roster.officer
    officer.badge_number = "B-17"
    officer.save()
    return officer


@pytest.fixture
def coordinator(world):
    from accounts.models import Role

    return member(Role.COORDINATOR, district=world.a, email="coord-import@example.org")


def upload(world, by, text: str, kind=RecordKind.EVENTS, name="export.csv"):
    return batch_upload(agency=world.a_agency, kind=kind, name=name, content=text.encode(), by=by)


def good_rows(world) -> str:
    return (
        HEADER
        + f"R-1,2026-10-05,{world.a_school.name},B-17,Citation,disturbance,15,Black,Female\n"
        + f"R-2,10/06/2026,{world.a_school.name},B-17,Call for service,,,,\n"
    )


def test_the_dry_run_proposes_the_mapping_and_saves_nothing(world, officer, coordinator):
    batch = upload(world, coordinator, good_rows(world))
    assert (batch.rows, batch.new, batch.invalid, batch.errors) == (2, 2, 0, [])
    assert not EnforcementEvent.objects.exists()
    assert AuditEvent.objects.filter(kind=AuditKind.ACTIVITY_IMPORT_CHECKED, object_id=str(batch.pk)).exists()


def test_each_bad_row_is_reported_with_its_row_number_and_their_column(world, officer, coordinator):
    text = (
        good_rows(world)
        + f"R-3,2026-13-40,{world.a_school.name},B-17,Citation,disturbance,15,,\n"
        + "R-4,2026-10-07,Nowhere High,B-99,Arrest,,two,Purple,\n"
        + f",2026-10-07,{world.a_school.name},B-17,Search,,,,\n"
    )
    batch = upload(world, coordinator, text)
    found = {(e["row"], e["column"]): e["messages"] for e in batch.errors}
    assert set(found) == {
        (4, "Date"),
        (5, "School"),
        (5, "Badge"),
        (5, "Offense"),
        (5, "Age"),
        (5, "Race"),
        (6, "Incident Number"),
    }
    assert found[(5, "School")] == ["No school of the district is called “Nowhere High”."]
    assert found[(6, "Incident Number")] == ["The agency's record number is required in imports."]
    assert (batch.new, batch.invalid) == (2, 3)


def test_a_file_with_errors_imports_nothing_unless_the_valid_rows_are_chosen(world, officer, coordinator):
    batch = upload(world, coordinator, good_rows(world) + "R-3,not a date,A High,B-17,Search,,,,\n")
    with pytest.raises(ImportRefused):
        batch_import(batch=batch, by=coordinator, valid_rows_only=False)
    assert not EnforcementEvent.objects.exists()
    batch = batch_import(batch=batch, by=coordinator, valid_rows_only=True)
    assert sorted(EnforcementEvent.objects.values_list("external_id", flat=True)) == ["R-1", "R-2"]
    assert (batch.status, batch.new, batch.invalid, batch.valid_rows_only) == ("imported", 2, 1, True)
    event = EnforcementEvent.objects.get(external_id="R-1")
    assert (event.import_batch, event.agency, event.officer, event.student_age) == (batch, world.a_agency, officer, 15)
    assert (event.student_race, event.student_gender, event.student_grade) == ("black", "female", "")


def test_importing_the_same_file_again_changes_nothing(world, officer, coordinator):
    first = batch_import(batch=upload(world, coordinator, good_rows(world)), by=coordinator, valid_rows_only=False)
    before = list(EnforcementEvent.objects.order_by("pk").values())
    again = upload(world, coordinator, good_rows(world))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)
    again = batch_import(batch=again, by=coordinator, valid_rows_only=False)
    assert list(EnforcementEvent.objects.order_by("pk").values()) == before
    assert all(e["import_batch_id"] == first.pk for e in before)
    assert AuditEvent.objects.filter(kind=AuditKind.ACTIVITY_IMPORTED).count() == 2


def test_a_row_dated_in_a_locked_month_is_a_row_error(world, officer, coordinator):
    import datetime as dt

    month_lock(school=world.a_school, month=dt.date(2026, 10, 1))
    batch = upload(world, coordinator, good_rows(world))
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "Date"), (3, "Date")]


def test_an_excel_workbook_imports_like_the_csv(world, officer, coordinator):
    data = tablib.Dataset(headers=HEADER.strip().split(","))
    data.append(["R-9", "2026-10-05", world.a_school.name, "B-17", "arrest", "weapon", 16, "white", "male"])
    content = data.export("xlsx")
    batch = batch_upload(agency=world.a_agency, kind="events", name="x.xlsx", content=content, by=coordinator)
    assert (batch.new, batch.errors) == (1, [])
    batch_import(batch=batch, by=coordinator, valid_rows_only=False)
    assert EnforcementEvent.objects.get(external_id="R-9").student_age == 16


def test_outreach_people_reached_keeps_zero_apart_from_unknown(world, officer, coordinator):
    text = "id,date,school,badge,kind,attendance,minutes\n"
    text += f"O-1,2026-10-05,{world.a_school.name},B-17,presentation,0,30\n"
    text += f"O-2,2026-10-05,{world.a_school.name},B-17,presentation,,30\n"
    batch = upload(world, coordinator, text, kind=RecordKind.OUTREACH)
    batch_import(batch=batch, by=coordinator, valid_rows_only=False)
    reached = dict(OutreachActivity.objects.values_list("external_id", "people_reached"))
    assert reached == {"O-1": 0, "O-2": None}


def test_a_changed_row_updates_its_record_which_then_comes_from_the_new_file(world, officer, coordinator):
    batch_import(batch=upload(world, coordinator, good_rows(world)), by=coordinator, valid_rows_only=False)
    changed = upload(world, coordinator, good_rows(world).replace("Citation,disturbance,15", "Citation,loitering,16"))
    assert (changed.new, changed.updated, changed.unchanged) == (0, 1, 1)
    changed = batch_import(batch=changed, by=coordinator, valid_rows_only=False)
    event = EnforcementEvent.objects.get(external_id="R-1")
    assert (event.offence.code, event.student_age, event.import_batch) == ("loitering", 16, changed)
    assert EnforcementEvent.objects.count() == 2


def test_a_record_number_twice_in_one_file_points_at_its_first_row(world, officer, coordinator):
    batch = upload(world, coordinator, good_rows(world) + f"R-1,2026-10-07,{world.a_school.name},B-17,Search,,,,\n")
    assert batch.errors == [
        {"row": 4, "column": "Incident Number", "messages": ["Row 2 of the file has the same record number."]}
    ]


def test_a_spanish_reader_gets_the_row_errors_in_spanish(world, officer, coordinator):
    from django.utils import translation

    with translation.override("es"):
        batch = upload(world, coordinator, good_rows(world) + "R-3,2026-10-07,Nowhere,B-17,Search,,,,\n")
    assert batch.errors[0]["messages"] == ["Ninguna escuela del distrito se llama «Nowhere»."]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.xlsx", b"PK\x03\x04not really a zip", "The workbook could not be read; save it again as .xlsx."),
        ("x.csv", b"a,b\n1,2\n1,2,3\n", "Row 3 of the CSV file has more cells than the first row has column names."),
        (
            "x.csv",
            b"a,b\n1,2,3\n1,2\n\n1,2,3,4\n",
            "Rows 2, 5 of the CSV file have more cells than the first row has column names.",
        ),
        ("x.csv", b"a,a\n1,2\n", "Two columns have the same name in the first row."),
        ("x.csv", b"   \n", "The file is empty."),
    ],
)
def test_a_file_we_cannot_read_as_a_table_is_refused_with_the_reason(world, coordinator, name, content, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        batch_upload(agency=world.a_agency, kind="events", name=name, content=content, by=coordinator)
    assert refused.value.messages == [message]
    assert not ImportBatch.objects.exists()


def test_when_the_principal_and_guardian_were_told_imports_and_a_bad_time_is_a_row_error(world, officer, coordinator):
    from django.utils import timezone

    header = "Incident Number,Date,School,Badge,Type,Offense,Principal Notified At,Guardian Notified At\n"
    text = (
        header
        + f"R-1,2026-10-05,{world.a_school.name},B-17,Arrest,disturbance,2026-10-05 15:30,\n"
        + f"R-2,2026-10-05,{world.a_school.name},B-17,Arrest,disturbance,yesterday,\n"
    )
    batch = upload(world, coordinator, text)
    assert [(e["row"], e["column"]) for e in batch.errors] == [(3, "Principal Notified At")]
    batch_import(batch=batch, by=coordinator, valid_rows_only=True)
    event = EnforcementEvent.objects.get(external_id="R-1")
    assert timezone.localtime(event.principal_notified_at).strftime("%Y-%m-%d %H:%M") == "2026-10-05 15:30"
    assert event.guardian_notified_at is None  # empty stays unknown


def test_a_negative_count_is_refused_as_negative_not_as_no_whole_number(world, officer, coordinator):
    from django.utils import translation

    row = f"R-3,2026-10-07,{world.a_school.name},B-17,Citation,disturbance,-5,,\n"
    batch = upload(world, coordinator, good_rows(world) + row)
    with translation.override("es"):
        spanish = upload(world, coordinator, good_rows(world) + row, name="otra.csv")
    assert batch.errors == [{"row": 4, "column": "Age", "messages": ["“-5” cannot be negative."]}]
    assert spanish.errors[0]["messages"] == ["«-5» no puede ser negativo."]
