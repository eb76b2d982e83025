"""The import pages as a coordinator uses them: upload, every error by its row, the mapping, the import, the
coverage panel; the event page says which file a record came from."""

import datetime as dt
import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from activity.imports.services import batch_import, batch_upload
from activity.models import EnforcementEvent, ImportBatch, ImportMapping, OutreachActivity
from core.models import AuditEvent, AuditKind
from tests.factories import RosterAssignmentFactory, member

pytestmark = pytest.mark.django_db
LIST_URL = reverse("staff:activity:imports")
COVERAGE_URL = reverse("staff:activity:import_coverage")


@pytest.fixture
def coordinator(world):
    officer = world.a_roster.officer
    officer.badge_number = "B-17"
    officer.save()
    return member(Role.COORDINATOR, district=world.a, email="coord-views@example.org")


def csv_file(text: str, name="records.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def events_csv(world, extra="") -> str:
    return (
        "Report No,Date,Campus,Badge,Action,Charge,Age\n"
        f"R-1,2026-10-05,{world.a_school.name},B-17,Citation,disturbance,15\n"
        f"R-2,2026-10-06,{world.a_school.name},B-17,call,,\n" + extra
    )


def error_rows(page: str) -> list[list[str]]:
    """The error table's rows as the reader sees them: row, column, message."""
    table = re.search(r'<table class="import-errors">(.*?)</table>', page, re.S).group(1)
    body = table.split("<tbody>")[1]
    return [
        [
            html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def post_upload(client, world, text, name="records.csv", kind="events"):
    return client.post(LIST_URL, {"agency": world.a_agency.pk, "kind": kind, "file": csv_file(text, name)})


def test_an_uploaded_file_is_checked_and_every_row_error_is_shown_beside_its_row(client, world, coordinator):
    client.force_login(coordinator)
    bad = f"R-3,2026-10-07,{world.a_school.name},B-17,citation,,\nR-4,yesterday,{world.a_school.name},B-17,call,,\n"
    response = post_upload(client, world, events_csv(world, bad))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response.url == reverse("staff:activity:import", args=[batch.pk])
    rows = error_rows(client.get(response.url).content.decode())
    assert rows == [
        ["4", "Charge", "This type of event needs an offence."],
        ["5", "Date", "“yesterday” is not a date; write it as 2026-10-05 or 10/05/2026."],
    ]
    assert not EnforcementEvent.objects.exists()


def test_a_file_that_is_no_table_is_refused_next_to_the_file_field(client, world, coordinator):
    client.force_login(coordinator)
    response = client.post(
        LIST_URL,
        {"agency": world.a_agency.pk, "kind": "events", "file": SimpleUploadedFile("x.xlsx", b"\x89PNG\r\n\x1a\n")},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["This is not an Excel .xlsx workbook; save it as .xlsx or CSV."]
    assert 'id="id_file_error"' in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_file_over_five_megabytes_is_refused_before_it_is_read(client, world, coordinator):
    client.force_login(coordinator)
    big = SimpleUploadedFile("big.csv", b"a,b\n" + b"1,2\n" * (5 * 1024 * 1024 // 4 + 1))
    response = client.post(LIST_URL, {"agency": world.a_agency.pk, "kind": "events", "file": big})
    assert response.context["form"].errors["file"] == ["The file is larger than 5 MB; split it into smaller files."]


def test_the_first_import_proposes_a_mapping_and_the_saved_one_serves_the_next_file(client, world, coordinator):
    client.force_login(coordinator)
    text = f"Report No,Fecha,Location,Badge,Action,Race code\nR-1,2026-10-05,{world.a_school.name},B-17,call,B\n"
    post_upload(client, world, text)
    batch = ImportBatch.objects.get()
    form = client.get(reverse("staff:activity:import", args=[batch.pk])).context["mapping_form"]
    assert (form["external_id"].initial, form["date"].initial, form["officer"].initial) == (
        "Report No",
        "Fecha",
        "Badge",
    )
    assert form["school"].initial == "" and batch.errors  # "Location" is no name of ours: the school is missing
    data = {"external_id": "Report No", "date": "Fecha", "school": "Location", "officer": "Badge", "type": "Action"}
    data.update({"student_race": "Race code", "codes": "student_race: B = black"})
    response = client.post(reverse("staff:activity:import_mapping", args=[batch.pk]), data)
    assert response.status_code == 302
    batch.refresh_from_db()
    assert (batch.errors, batch.new) == ([], 1)
    mapping = ImportMapping.objects.get(agency=world.a_agency, kind="events")
    assert mapping.value_maps == {"student_race": {"B": "black"}}
    assert AuditEvent.objects.filter(kind=AuditKind.ACTIVITY_IMPORT_MAPPING_CHANGED).count() == 1
    client.post(reverse("staff:activity:import_run", args=[batch.pk]))
    assert EnforcementEvent.objects.get().student_race == "black"


def test_importing_a_file_with_errors_needs_the_valid_rows_choice(client, world, coordinator):
    client.force_login(coordinator)
    post_upload(client, world, events_csv(world, f"R-3,nope,{world.a_school.name},B-17,call,,\n"))
    run = reverse("staff:activity:import_run", args=[ImportBatch.objects.get().pk])
    refused = client.post(run)
    assert refused.status_code == 200
    assert "choose to import the valid rows only" in refused.content.decode()
    assert not EnforcementEvent.objects.exists()
    assert client.post(run, {"valid_rows_only": "on"}).status_code == 302
    assert EnforcementEvent.objects.count() == 2
    assert AuditEvent.objects.filter(kind=AuditKind.ACTIVITY_IMPORTED).count() == 1


def test_the_event_page_names_the_file_it_came_from(client, world, coordinator):
    batch = batch_upload(
        agency=world.a_agency, kind="events", name="oct.csv", content=events_csv(world).encode(), by=coordinator
    )
    batch_import(batch=batch, by=coordinator, valid_rows_only=False)
    client.force_login(coordinator)
    event = EnforcementEvent.objects.get(external_id="R-1")
    page = client.get(reverse("staff:activity:event", args=[event.pk])).content.decode()
    assert "Imported from the file oct.csv" in page and batch.sha256 in page and "agency record number R-1" in page


def test_a_police_reviewer_cannot_reach_the_imports(client, world):
    client.force_login(member(Role.POLICE_REVIEWER, agency=world.a_agency))
    assert client.get(LIST_URL).status_code == 404


def test_another_districts_coordinator_gets_404_for_the_import(client, world, coordinator):
    batch = batch_upload(
        agency=world.a_agency, kind="events", name="oct.csv", content=events_csv(world).encode(), by=coordinator
    )
    client.force_login(member(Role.COORDINATOR, district=world.b))
    assert client.get(reverse("staff:activity:import", args=[batch.pk])).status_code == 404


def test_the_imports_list_reads_in_a_fixed_number_of_queries(client, world, coordinator, django_assert_num_queries):
    for n in range(3):
        content = events_csv(world).replace("R-", f"X{n}-").encode()
        batch_upload(agency=world.a_agency, kind="events", name=f"{n}.csv", content=content, by=coordinator)
    client.force_login(coordinator)
    client.get(LIST_URL)
    with django_assert_num_queries(10):  # the same however many files
        client.get(LIST_URL)


def test_coverage_keeps_zero_people_reached_apart_from_not_known(client, world, coordinator):
    text = "id,date,school,badge,kind,attendance,minutes\n"
    text += f"O-1,2026-10-05,{world.a_school.name},B-17,presentation,0,30\n"
    text += f"O-2,2026-10-06,{world.a_school.name},B-17,visibility,,30\n"
    text += f"O-3,2026-11-06,{world.a_school.name},B-17,visibility,,30\n"
    batch = batch_upload(agency=world.a_agency, kind="outreach", name="o.csv", content=text.encode(), by=coordinator)
    batch_import(batch=batch, by=coordinator, valid_rows_only=False)
    client.force_login(coordinator)
    response = client.get(COVERAGE_URL, {"year": 2026})
    rows = {(r.school, r.month): r for r in response.context["coverage"].rows}
    october, november = rows[(world.a_school, dt.date(2026, 10, 1))], rows[(world.a_school, dt.date(2026, 11, 1))]
    assert (october.outreach, october.reached, october.reached_unknown) == (2, 0, 1)
    assert (november.outreach, november.reached, november.reached_unknown) == (1, None, 1)
    assert OutreachActivity.objects.filter(people_reached=0).count() == 1


def test_coverage_names_rostered_sros_without_records_and_events_lacking_demographics(
    client, world, coordinator, django_assert_num_queries
):
    quiet = RosterAssignmentFactory(officer__agency=world.a_agency, school=world.a_other_school)
    quiet.starts_on, quiet.ends_on = dt.date(2026, 9, 1), dt.date(2026, 10, 31)
    quiet.save()
    batch = batch_upload(
        agency=world.a_agency, kind="events", name="e.csv", content=events_csv(world).encode(), by=coordinator
    )
    batch_import(batch=batch, by=coordinator, valid_rows_only=False)
    client.force_login(coordinator)
    client.get(COVERAGE_URL, {"year": 2026})
    with django_assert_num_queries(13):  # the same however many schools, months and records
        response = client.get(COVERAGE_URL, {"year": 2026})
    coverage = response.context["coverage"]
    silent = {(o, s, m) for o, s, m in coverage.silent_officers if o == quiet.officer}
    assert silent == {(quiet.officer, world.a_other_school, dt.date(2026, m, 1)) for m in (9, 10)}
    october = next(r for r in coverage.rows if r.school == world.a_school and r.month == dt.date(2026, 10, 1))
    assert (october.events, october.lacking_demographics) == (2, 2)
    assert AuditEvent.objects.filter(kind=AuditKind.ACTIVITY_COVERAGE_VIEWED).count() == 2


def test_the_dry_run_page_reads_in_a_fixed_number_of_queries(client, world, coordinator, django_assert_num_queries):
    bad = "".join(f"Z-{n},nope,{world.a_school.name},B-17,call,,\n" for n in range(150))
    batch = batch_upload(
        agency=world.a_agency, kind="events", name="z.csv", content=events_csv(world, bad).encode(), by=coordinator
    )
    assert len(batch.errors) == 150
    client.force_login(coordinator)
    url = reverse("staff:activity:import", args=[batch.pk])
    client.get(url)
    with django_assert_num_queries(9):  # the same however many rows and errors
        page = client.get(url, {"page": 2})
    assert len(page.context["errors_page"]) == 50


def test_a_code_mapped_to_something_we_do_not_know_is_refused_next_to_the_codes(client, world, coordinator):
    client.force_login(coordinator)
    post_upload(client, world, events_csv(world))
    batch = ImportBatch.objects.get()
    data = {"external_id": "Report No", "date": "Date", "school": "Campus", "officer": "Badge", "type": "Action"}
    data["codes"] = "student_race: B = blak"
    response = client.post(reverse("staff:activity:import_mapping", args=[batch.pk]), data)
    assert response.status_code == 200
    assert response.context["mapping_form"].errors["codes"] == [
        "Line 1: “blak” is not one of our codes for this field "
        "(asian, black, hispanic, native, pacific, two_or_more, white)."
    ]
    assert not ImportMapping.objects.exists()


def test_importing_one_record_says_one_new_record_in_the_singular(client, world, coordinator):
    client.force_login(coordinator)
    text = "Report No,Date,Campus,Badge,Action,Charge,Age\n" + f"R-1,2026-10-06,{world.a_school.name},B-17,call,,\n"
    post_upload(client, world, text)
    run = reverse("staff:activity:import_run", args=[ImportBatch.objects.get().pk])
    page = client.post(run, follow=True, headers={"accept-language": "es"}).content.decode()
    assert "Importado: 1 registro nuevo, 0 registros cambiados, 0 registros sin cambios." in html.unescape(page)


def test_an_empty_file_is_refused_in_our_words_next_to_the_file_field(client, world, coordinator):
    client.force_login(coordinator)
    response = client.post(
        LIST_URL,
        {"agency": world.a_agency.pk, "kind": "events", "file": csv_file("")},
        headers={"accept-language": "es"},
    )
    assert response.context["form"].errors["file"] == ["El archivo está vacío."]


def test_a_file_that_is_not_csv_or_xlsx_is_refused_next_to_the_file_field(client, world, coordinator):
    client.force_login(coordinator)
    response = post_upload(client, world, events_csv(world), name="doc.pdf")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Choose a CSV (.csv) or Excel (.xlsx) file; save the table in one of these formats."
    ]
    assert not ImportBatch.objects.exists()


def test_a_file_missing_a_required_column_offers_no_import_button(client, world, coordinator):
    client.force_login(coordinator)
    post_upload(client, world, "Something,Else\n1,2\n")
    batch = ImportBatch.objects.get()
    page = client.get(reverse("staff:activity:import", args=[batch.pk])).content.decode()
    assert error_rows(page)[0][0] == "Whole file"
    assert "Import the file" not in page
    assert reverse("staff:activity:import_run", args=[batch.pk]) not in page
