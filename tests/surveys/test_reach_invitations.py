"""Invitations by CSV upload, their bilingual mail, and the reminders."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.crypto import decrypt
from core.models import AuditEvent, AuditKind
from notifications.models import OutboundEmail
from notifications.rendering import render_email
from surveys.codes import code_hash
from surveys.models import Invitation, InvitationKind, InvitationStatus, OptOut
from surveys.services.invitations import (
    CSV_MAX_ROWS,
    REMINDER_AFTER_DAYS,
    invitation_codes_forget,
    invitation_csv_read,
    invitation_reminders_send,
    invitations_create,
)
from surveys.services.reach import taking_path
from tests.factories import member
from tests.surveys.builders import build_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(world):
    return member(Role.COORDINATOR, district=world.a)


def _csv(*lines: str) -> bytes:
    return ("email,school,group,language\n" + "\n".join(lines) + "\n").encode()


def _upload(client, survey, raw: bytes):
    url = reverse("staff:surveys:reach_invite", kwargs={"pk": survey.pk})
    return client.post(url, {"file": SimpleUploadedFile("people.csv", raw, content_type="text/csv")})


def test_a_file_with_bad_rows_lists_each_next_to_the_field_and_invites_nobody(client, world, climate, coordinator):
    client.force_login(coordinator)
    raw = _csv(
        f"good@example.org,{world.a_school.slug},guardian,es",
        f"not-an-address,{world.a_school.slug},guardian,en",
        f"x@example.org,{world.b_school.slug},staff,en",
        f"y@example.org,{world.a_school.slug},police,fr",
    )
    response = _upload(client, climate, raw)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Line 3: “not-an-address” is not an email address." in page
    assert f"Line 4: no school of this survey has the short name “{world.b_school.slug}”." in page
    assert "Line 5: “police” is not a respondent group of this survey." in page
    assert "the language must be en or es, not “fr”." in page
    assert page.index('id="id_file_error"') < page.index('type="file"')
    assert not Invitation.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_a_file_without_the_column_line_or_not_utf8_is_refused_with_a_reason(climate):
    assert invitation_csv_read(survey=climate, raw=b"a@example.org,x,guardian,en\n").errors == [
        "The first line must name the columns: email, school, group, language."
    ]
    assert (
        "UTF-8"
        in invitation_csv_read(survey=climate, raw=_csv("é@x.org,s,staff,en").replace(b"\xc3", b"\xff")).errors[0]
    )


def test_a_file_saved_with_semicolons_by_a_spanish_spreadsheet_is_read(world, climate):
    raw = f"Email;School;Group;Language\r\nPadre@Example.org;{world.a_school.slug};guardian;es\r\n".encode()
    upload = invitation_csv_read(survey=climate, raw=raw)
    assert upload.errors == []
    assert [(row.email, row.group, row.language) for row in upload.rows] == [("padre@example.org", "guardian", "es")]


def test_a_file_longer_than_the_limit_is_refused_whole(world, climate):
    line = f"a@example.org,{world.a_school.slug},guardian,en"
    upload = invitation_csv_read(survey=climate, raw=_csv(*[line] * (CSV_MAX_ROWS + 1)))
    assert upload.errors == [f"The file has more than {CSV_MAX_ROWS} rows; split it."] and upload.rows == []


def test_an_upload_invites_each_new_address_once_skipping_repeats_and_opted_out_students(
    client, world, climate, coordinator
):
    OptOut.objects.create(
        district=world.a,
        school=world.a_school,
        student_name="Sam",
        student_email="sam@students.example.org",
        guardian_name="Pat",
        guardian_contact="pat@example.org",
    )
    client.force_login(coordinator)
    slug = world.a_school.slug
    _upload(client, climate, _csv(f"first@example.org,{slug},guardian,es"))
    response = _upload(
        client,
        climate,
        _csv(
            f"First@Example.org,{slug},guardian,en",
            f"teacher@example.org,{world.a_other_school.slug},staff,",
            f"teacher@example.org,{slug},staff,en",
            f"sam@students.example.org,{slug},student,en",
        ),
    )
    assert response.status_code == 302
    messages = client.get(response.url).content.decode()
    assert "1 invitations sent. Left out: 1 already invited, 1 repeated in the file, 1 students opted out" in messages
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["first@example.org", "teacher@example.org"]
    teacher = Invitation.objects.get(email="teacher@example.org")
    assert (teacher.school, teacher.group, teacher.language, teacher.kind) == (
        world.a_other_school,
        "staff",
        "en",
        InvitationKind.EMAIL,
    )
    assert OutboundEmail.objects.filter(template="survey_invitation").count() == 2
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_INVITED, actor=coordinator).count() == 2


def test_the_invitation_mail_is_bilingual_and_its_code_opens_this_invitation_only(world, climate, coordinator):
    upload = invitation_csv_read(survey=climate, raw=_csv(f"parent@example.org,{world.a_school.slug},guardian,es"))
    with transaction.atomic():
        invitations_create(survey=climate, rows=upload.rows, actor=coordinator)
    invitation = Invitation.objects.get()
    mail = OutboundEmail.objects.get(key=f"survey-invitation-{invitation.pk}")
    # The code waits encrypted, in the mail and on the invitation; only its hash identifies the invitation.
    code = decrypt(mail.context["access_code"]).replace("-", "")
    assert code not in str(mail.context) and code not in str(Invitation.objects.values().get())
    assert invitation.code_hash == code_hash(code, purpose="invitation")
    assert decrypt(invitation.code_encrypted) == code
    subject, text, html = render_email(mail)
    assert subject == "Invitación a una encuesta: Encuesta de clima escolar"
    assert text.index("Está invitado") < text.index("You are invited")
    assert "http://127.0.0.1:8000" + taking_path(code=code) in text
    assert f'href="http://127.0.0.1:8000{taking_path(code=code)}"' in html
    assert "anonymous" in text and "anónimas" in text
    day = climate.closes_on
    assert f"Cierra el {day.day} de " in text and f"It closes on {day:%b}" in text  # each language's own date


def test_a_rolled_back_upload_leaves_neither_invitations_nor_mail(world, climate, coordinator):
    upload = invitation_csv_read(survey=climate, raw=_csv(f"parent@example.org,{world.a_school.slug},guardian,en"))
    with pytest.raises(RuntimeError), transaction.atomic():
        invitations_create(survey=climate, rows=upload.rows, actor=coordinator)
        assert OutboundEmail.objects.count() == 1
        raise RuntimeError("the request failed after the service")
    assert not Invitation.objects.exists()
    assert not OutboundEmail.objects.exists()


def _invite(world, climate, coordinator, *emails):
    lines = [f"{email},{world.a_school.slug},guardian,en" for email in emails]
    upload = invitation_csv_read(survey=climate, raw=_csv(*lines))
    invitations_create(survey=climate, rows=upload.rows, actor=coordinator)
    return [Invitation.objects.get(email=email) for email in emails]


def _reminders(pk):
    return sorted(
        OutboundEmail.objects.filter(template="survey_reminder", key__contains=f"-{pk}-").values_list("key", flat=True)
    )


def test_unfinished_invitations_get_each_of_two_reminders_exactly_once(world, climate, coordinator):
    waiting, started, done = _invite(world, climate, coordinator, "a@example.org", "b@example.org", "c@example.org")
    Invitation.objects.filter(pk=started.pk).update(status=InvitationStatus.STARTED)
    Invitation.objects.filter(pk=done.pk).update(status=InvitationStatus.FINISHED)
    now = timezone.now()
    assert invitation_reminders_send(now=now + datetime.timedelta(days=REMINDER_AFTER_DAYS - 1)) == 0
    first = now + datetime.timedelta(days=REMINDER_AFTER_DAYS, minutes=1)
    assert invitation_reminders_send(now=first) == 2
    assert invitation_reminders_send(now=first) == 0  # run twice: nothing more
    second = now + datetime.timedelta(days=2 * REMINDER_AFTER_DAYS, minutes=1)
    assert invitation_reminders_send(now=second) == 2
    assert invitation_reminders_send(now=second + datetime.timedelta(days=60)) == 0  # never a third
    assert _reminders(waiting.pk) == [f"survey-reminder-{waiting.pk}-1", f"survey-reminder-{waiting.pk}-2"]
    assert len(_reminders(started.pk)) == 2
    assert _reminders(done.pk) == []
    reminder = OutboundEmail.objects.get(key=f"survey-reminder-{waiting.pk}-2")
    code = decrypt(waiting.code_encrypted)
    assert "you have not finished this survey yet" in render_email(reminder)[1]
    assert decrypt(reminder.context["access_code"]).replace("-", "") == code


def test_a_student_opted_out_after_the_invitation_gets_no_reminder(world, climate, coordinator):
    lines = [f"{who}@students.example.org,{world.a_school.slug},student,en" for who in ("ana", "ben")]
    invitations_create(
        survey=climate, rows=invitation_csv_read(survey=climate, raw=_csv(*lines)).rows, actor=coordinator
    )
    OptOut.objects.create(
        district=world.a,
        school=world.a_school,
        student_name="Ana",
        student_email="ana@students.example.org",
        guardian_name="P",
        guardian_contact="p@example.org",
    )
    later = timezone.now() + datetime.timedelta(days=REMINDER_AFTER_DAYS, minutes=1)
    assert invitation_reminders_send(now=later) == 1
    assert list(OutboundEmail.objects.filter(template="survey_reminder").values_list("to_email", flat=True)) == [
        "ben@students.example.org"
    ]


def test_codes_are_forgotten_once_finished_so_no_reminder_can_repeat_them(world, climate, coordinator):
    (invitation,) = _invite(world, climate, coordinator, "a@example.org")
    Invitation.objects.filter(pk=invitation.pk).update(status=InvitationStatus.FINISHED)
    assert invitation_codes_forget() == 1
    invitation.refresh_from_db()
    assert invitation.code_encrypted == ""


def test_a_closed_survey_offers_no_upload_and_a_file_sent_anyway_invites_nobody(client, world, coordinator):
    closed = build_survey(
        world.a, [world.a_school], opens_on=datetime.date(2026, 1, 5), closes_on=datetime.date(2026, 2, 5)
    )
    client.force_login(coordinator)
    page = client.get(reverse("staff:surveys:reach_invite", kwargs={"pk": closed.pk})).content.decode()
    assert "can be made once the survey is published, and until it closes" in page and 'type="file"' not in page
    _upload(client, closed, _csv(f"a@example.org,{world.a_school.slug},guardian,en"))
    assert not Invitation.objects.exists()


def test_a_confidential_survey_does_not_promise_anonymity_in_its_invitation(world, coordinator):
    from surveys.models import AnonymityMode

    survey = build_survey(world.a, [world.a_school], anonymity=AnonymityMode.CONFIDENTIAL)
    (invitation,) = _invite(world, survey, coordinator, "parent@example.org")
    text = render_email(OutboundEmail.objects.get(key=f"survey-invitation-{invitation.pk}"))[1]
    assert "Your answers are confidential" in text and "anonymous" not in text


def test_no_reminder_goes_once_the_survey_has_closed(world, climate, coordinator):
    _invite(world, climate, coordinator, "late@example.org")
    climate.closes_on = timezone.localdate()
    climate.save()
    later = timezone.now() + datetime.timedelta(days=REMINDER_AFTER_DAYS, minutes=1)
    assert invitation_reminders_send(now=later) == 0
    assert invitation_codes_forget(today=climate.closes_on + datetime.timedelta(days=1)) == 1
