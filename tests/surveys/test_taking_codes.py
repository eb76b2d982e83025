"""Taking a survey with an invitation's access code or a class code."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import Role
from core.models import AuditEvent
from surveys.models import InvitationStatus, Response, ResponseDraft, Source
from tests.factories import member
from tests.surveys.builders import build_survey
from tests.surveys.taking import answer, class_code, invitation

PAGE = reverse("surveys:take_page")
CODE = reverse("surveys:take_code")


def link(code):
    return reverse("surveys:take_code_link", args=[code])


def finish(client):
    while "finish" not in client.get(PAGE).content.decode():
        answer(client)
    return answer(client, "finish")


def test_the_mail_link_shows_the_first_page_and_changes_nothing_until_start(client, climate, world):
    inv, code = invitation(climate, world.a_school)
    response = client.get(link(code))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Climate survey" in body and "Start the survey" in body
    assert "Your invitation is only marked as used" in body
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.ISSUED
    assert not ResponseDraft.objects.exists()


def test_starting_from_an_invitation_marks_it_started_and_counts_its_school_and_group(client, climate, world):
    inv, code = invitation(climate, world.a_school, group="staff")
    first = client.post(link(code))
    assert first.status_code == 200 and "Page 1 of 3" in first.content.decode()  # Start answers with the first page
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.STARTED
    draft = ResponseDraft.objects.get()
    assert (draft.invitation, draft.school, draft.respondent_group, draft.source) == (
        inv,
        world.a_school,
        "staff",
        Source.INVITATION,
    )
    finish(client)
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.FINISHED
    response = Response.objects.get()
    assert (response.school, response.respondent_group, response.source) == (world.a_school, "staff", "invitation")


def test_a_typed_code_forgives_case_spaces_and_dashes(client, climate, world):
    _inv, code = invitation(climate, world.a_school)
    typed = f" {code[:5].lower()}-{code[5:]} "
    response = client.post(CODE, {"code": typed})
    assert response.status_code == 302
    assert client.get(response.url).status_code == 200
    assert client.post(response.url).status_code == 200
    assert ResponseDraft.objects.count() == 1


def test_a_used_code_gets_a_clear_message_and_no_second_response(client, climate, world):
    _inv, code = invitation(climate, world.a_school)
    client.post(link(code))
    finish(client)
    other = Client()
    for response in (other.get(link(code)), other.post(link(code)), other.post(CODE, {"code": code})):
        assert response.status_code == 200
        assert "This code has already been used to answer the survey." in response.content.decode()
    assert Response.objects.count() == 1
    assert not ResponseDraft.objects.exists()


def test_a_used_code_is_explained_in_spanish(client, climate, world):
    _inv, code = invitation(climate, world.a_school)
    client.post(link(code))
    finish(client)
    body = Client().get(link(code), headers={"accept-language": "es"}).content.decode()
    assert "Este código ya se usó para responder la encuesta." in body


def test_an_unknown_code_is_explained_next_to_the_field(client, climate):
    response = client.post(CODE, {"code": "NOPE-NOPE"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_code_error"' in body and "We do not recognise this code." in body
    assert 'id="form-errors"' in body  # a screen reader hears it after the page reloads
    assert "We do not recognise this code." in client.get(link("NOPENOPE")).content.decode()


def test_the_invitation_link_again_on_another_device_continues_the_same_draft(client, climate, world):
    inv, code = invitation(climate, world.a_school)
    client.post(link(code))
    answer(client)
    phone = Client()
    phone.post(link(code))
    assert ResponseDraft.objects.count() == 1
    assert phone.get(PAGE).context["number"] == 2


def test_a_class_code_starts_a_student_response_and_clears_the_device_for_the_next_student(client, climate, world):
    teacher = member(Role.COORDINATOR, district=world.a)
    class_code(climate, world.a_school, teacher, code="ROOM12")
    assert client.post(link("room12")).status_code == 200
    draft = ResponseDraft.objects.get()
    assert (draft.source, draft.respondent_group, draft.school) == (Source.CLASS, "student", world.a_school)
    held = client.cookies["cg_survey"].value
    client.cookies["sessionid"] = "an-earlier-session"
    finish(client)
    assert held and client.cookies["cg_survey"].value == "" and client.cookies["sessionid"].value == ""
    # The next student on the same device starts fresh.
    client.post(link("ROOM12"))
    assert client.get(PAGE).context["number"] == 1
    finish(client)
    assert Response.objects.filter(source=Source.CLASS, respondent_group="student").count() == 2


def test_one_response_per_device_session_starting_again_continues_the_same_draft(client, climate, world):
    teacher = member(Role.COORDINATOR, district=world.a)
    class_code(climate, world.a_school, teacher, code="ROOM12")
    client.post(link("ROOM12"))
    answer(client)
    client.post(link("ROOM12"))
    assert ResponseDraft.objects.count() == 1
    assert client.get(PAGE).context["number"] == 2


def test_an_inactive_class_code_is_refused_with_a_message(client, climate, world):
    teacher = member(Role.COORDINATOR, district=world.a)
    class_code(climate, world.a_school, teacher, code="ROOM13", active=False)
    response = client.post(link("ROOM13"))
    assert "This class code is no longer accepting answers." in response.content.decode()
    assert not ResponseDraft.objects.exists()


def test_a_code_of_a_survey_not_open_yet_explains_when_it_opens(client, world):
    survey = build_survey(world.a, [world.a_school], open_now=False)
    inv, code = invitation(survey, world.a_school)
    body = client.get(link(code)).content.decode()
    assert "This survey is not open yet." in body
    client.post(link(code))
    inv.refresh_from_db()
    assert inv.status == InvitationStatus.ISSUED


def test_taking_a_survey_writes_no_audit_event(client, climate, world):
    _inv, code = invitation(climate, world.a_school)
    client.post(link(code))
    finish(client)
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("path", ["code", "resume"])
def test_guessing_codes_is_limited_per_client(client, climate, settings, path):
    settings.SURVEY_CODE_ATTEMPTS_PER_HOUR = 3
    url = reverse(f"surveys:take_{path}")
    statuses = [client.post(url, {"code": f"GUESS{i}"}, REMOTE_ADDR="203.0.113.9").status_code for i in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    # Another client is not held back.
    assert client.post(url, {"code": "GUESS"}, REMOTE_ADDR="203.0.113.10").status_code == 200


def test_starting_is_limited_per_client(client, climate, world, settings):
    settings.SURVEY_STARTS_PER_HOUR = 2
    url = reverse("surveys:take_start", args=[climate.public_id, world.a_school.slug])
    statuses = [Client().post(url, REMOTE_ADDR="203.0.113.9").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert ResponseDraft.objects.count() == 2


def test_a_filled_honeypot_on_the_code_form_tries_no_code(client, climate, world):
    _inv, code = invitation(climate, world.a_school)
    response = client.post(CODE, {"code": code, "website": "http://spam.example"})
    assert response.status_code == 302 and response.url == reverse("surveys:index")
    assert not ResponseDraft.objects.exists()


def test_the_thank_you_page_of_an_unknown_or_unpublished_survey_is_not_found(client, world):
    unpublished = build_survey(world.a, [world.a_school], published=False)
    assert client.get(reverse("surveys:take_thanks", args=[unpublished.public_id])).status_code == 404
    assert client.get(reverse("surveys:take_thanks", args=["nothing-here"])).status_code == 404


def test_an_invitation_finished_meanwhile_on_another_device_is_not_answered_twice(client, climate, world):
    inv, code = invitation(climate, world.a_school)
    client.post(link(code))
    answer(client)
    answer(client)
    type(inv).objects.filter(pk=inv.pk).update(status=InvitationStatus.FINISHED)
    response = answer(client, "finish")
    assert "This code has already been used to answer the survey." in response.content.decode()
    assert not Response.objects.exists()
    assert not ResponseDraft.objects.exists()
