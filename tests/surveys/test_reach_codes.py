"""Printed one-time codes, class codes and open links."""

import re

import pytest
from django.urls import reverse

from accounts.models import Role
from core.models import AuditEvent, AuditKind
from surveys.codes import code_hash, code_normalise
from surveys.models import ClassCode, Invitation, InvitationKind, OptOut
from surveys.services.reach import taking_path
from tests.factories import member

pytestmark = pytest.mark.django_db

SLIP_CODE = re.compile(r'<p class="slip__code">([0-9A-Z-]+)</p>')


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


def _opt_out(world, name, classroom, survey=None):
    return OptOut.objects.create(
        district=world.a,
        school=world.a_school,
        survey=survey,
        student_name=name,
        classroom=classroom,
        guardian_name="Parent",
        guardian_contact="parent@example.org",
    )


def _print(client, survey, school, classroom="Room 12", how_many=5):
    url = reverse("staff:surveys:reach_codes", kwargs={"pk": survey.pk})
    return client.post(url, {"school": school.pk, "classroom": classroom, "how_many": how_many})


def test_printed_codes_leave_out_opted_out_students_and_are_shown_once_as_usable_codes(
    client, world, climate, coordinator
):
    _opt_out(world, "Ana Ruiz", "room 12")
    _opt_out(world, "Ben Cole", "Room 12", survey=climate)
    _opt_out(world, "Cy Other", "Room 14")
    client.force_login(coordinator)
    form_page = client.get(reverse("staff:surveys:reach_codes", kwargs={"pk": climate.pk})).content.decode()
    assert "Ana Ruiz" in form_page and "Cy Other" in form_page
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_OPT_OUTS_VIEWED, actor=coordinator).exists()

    response = _print(client, climate, world.a_school, how_many=5)
    sheet = response.content.decode()
    codes = SLIP_CODE.findall(sheet)
    assert len(codes) == 3
    assert "2 students were left out because a parent opted them out" in sheet
    assert "Ana Ruiz" in sheet and "Ben Cole" in sheet and "Cy Other" not in sheet
    assert "no-store" in response["Cache-Control"]
    # Only hashes are kept: each printed code finds exactly its own invitation.
    invitations = Invitation.objects.filter(survey=climate)
    assert {i.code_hash for i in invitations} == {code_hash(c, purpose="invitation") for c in codes}
    assert all(i.kind == InvitationKind.CODE and i.batch == "Room 12" and i.code_encrypted == "" for i in invitations)
    for code in codes:
        assert f"http://127.0.0.1:8000{taking_path(code=code_normalise(code))}" in sheet
        assert code_normalise(code) not in str(list(Invitation.objects.values()))
    # The sheet cannot be shown again: another visit shows the form, no codes.
    again = client.get(reverse("staff:surveys:reach_codes", kwargs={"pk": climate.pk})).content.decode()
    assert not SLIP_CODE.findall(again)
    event = AuditEvent.objects.get(kind=AuditKind.SURVEY_CODES_PRINTED)
    assert event.changes["codes"] == 3 and event.changes["opted_out"] == 2
    assert not any(code_normalise(c) in str(event.changes) for c in codes)


def test_the_slips_carry_instructions_in_both_languages(client, world, climate, coordinator):
    client.force_login(coordinator)
    sheet = _print(client, climate, world.a_school, how_many=1).content.decode()
    assert "The code works for one response" in sheet
    assert '<p lang="es">' in sheet and "Encuesta de clima escolar" in sheet


def test_a_school_outside_the_survey_or_a_silly_number_is_an_error_next_to_its_field(
    client, world, climate, coordinator
):
    client.force_login(coordinator)
    page = _print(client, climate, world.b_school, how_many=0).content.decode()
    assert page.count('class="errorlist"') == 2
    assert not Invitation.objects.exists()


def test_a_survey_without_students_prints_no_student_codes(client, world, coordinator):
    from tests.surveys.builders import build_survey

    staff_only = build_survey(world.a, [world.a_school], groups=["staff"])
    client.force_login(coordinator)
    page = _print(client, staff_only, world.a_school).content.decode()
    assert "This survey is not for students" in page
    assert not Invitation.objects.exists()


def test_a_class_code_is_made_shown_on_the_board_with_its_qr_code_and_deactivated(client, world, climate, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("staff:surveys:reach_class_codes", kwargs={"pk": climate.pk}),
        {"school": world.a_school.pk, "label": "Room 12, period 3"},
    )
    class_code = ClassCode.objects.get()
    assert (class_code.label, class_code.school, class_code.created_by) == (
        "Room 12, period 3",
        world.a_school,
        coordinator,
    )
    board = client.get(response.url).content.decode()
    assert '<p class="board__code"' in board and f">{class_code.code}</p>" in board
    assert f"http://127.0.0.1:8000{taking_path(code=class_code.code)}" in board
    assert '<svg class="qr"' in board
    client.post(reverse("staff:surveys:reach_class_deactivate", kwargs={"pk": climate.pk, "code_pk": class_code.pk}))
    class_code.refresh_from_db()
    assert not class_code.is_active
    assert "it no longer opens the survey" in client.get(response.url).content.decode()
    kinds = list(AuditEvent.objects.filter(actor=coordinator).values_list("kind", flat=True))
    assert AuditKind.SURVEY_CLASS_CODE_CREATED in kinds and AuditKind.SURVEY_CLASS_CODE_DEACTIVATED in kinds


def test_a_class_code_of_another_survey_is_not_found_under_this_one(client, world, climate, coordinator):
    from tests.surveys.builders import build_survey

    other = build_survey(world.a, [world.a_school])
    class_code = ClassCode.objects.create(
        survey=other, school=world.a_school, label="R1", code="ABC234", created_by=coordinator
    )
    client.force_login(coordinator)
    url = reverse("staff:surveys:reach_class_board", kwargs={"pk": climate.pk, "code_pk": class_code.pk})
    assert client.get(url).status_code == 404


def test_each_school_has_its_open_link_qr_code_and_printable_bilingual_poster(client, world, climate, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("staff:surveys:reach_links", kwargs={"pk": climate.pk})).content.decode()
    for school in (world.a_school, world.a_other_school):
        assert f"http://127.0.0.1:8000{taking_path(survey=climate, school=school)}" in page
    assert page.count('<svg class="qr"') == 2
    poster = client.get(
        reverse("staff:surveys:reach_poster", kwargs={"pk": climate.pk, "school_pk": world.a_school.pk})
    ).content.decode()
    assert "Tell us how school feels" in poster and '<div class="poster__language" lang="es">' in poster
    assert "Encuesta de clima escolar" in poster and '<svg class="qr"' in poster
    assert "css/surveys_reach" in poster  # its print styles leave the menus out
    other = reverse("staff:surveys:reach_poster", kwargs={"pk": climate.pk, "school_pk": world.b_school.pk})
    assert client.get(other).status_code == 404
