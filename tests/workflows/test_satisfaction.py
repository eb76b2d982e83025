"""The complainant's optional satisfaction question: offered once the outcome is out, answered through the survey
engine anonymously, once per complaint."""

import pytest
from django.db import connection
from django.urls import reverse

from complaints.models import Complaint
from surveys.models import Invitation, InvitationStatus, Purpose, Response
from tests.factories import TEST_PIN
from tests.surveys.taking import answer
from workflows.models import Route
from workflows.review.start import review_start
from workflows.satisfaction import satisfaction_code, satisfaction_offer

pytestmark = pytest.mark.django_db


def _close_out_of_scope(case):
    case.take_to("triaged", route=Route.OUT_OF_SCOPE, explanation="A city matter.")


def _track(client, complaint, language="en"):
    client.post(reverse("complaints:track"), {"tracking_code": complaint.tracking_code, "pin": TEST_PIN})
    return client.get(reverse("complaints:track_detail", args=[complaint.tracking_code]), HTTP_ACCEPT_LANGUAGE=language)


def test_once_the_complaint_is_closed_the_family_answers_three_questions_anonymously_and_only_once(client, case):
    _close_out_of_scope(case)
    page = _track(client, case.complaint).content.decode()
    link = reverse("complaint_satisfaction", args=[case.complaint.tracking_code])
    assert link in page and "Tell us how the process went" in page

    start = client.get(link)
    assert start.status_code == 302 and start.url == reverse(
        "surveys:take_code_link", args=[satisfaction_code(case.complaint)]
    )
    first = client.post(start.url)  # Start answers with the first page of questions
    assert first.status_code == 200 and "Page 1 of 1" in first.content.decode()
    questions = {q.code: q for q in client.get(reverse("surveys:take_page")).context["form"].questions}
    fields = {f"q{questions['SAT-FAIR'].pk}": "agree", f"q{questions['SAT-TIMELY'].pk}": "disagree"}
    assert "Your answers to" in answer(client, "finish", **fields).content.decode()

    response = Response.objects.get(survey__purpose=Purpose.COMPLAINT_SATISFACTION)
    assert response.school == case.school and response.respondent_group == "student"
    assert {a.question.code: a.choice.value for a in response.answers.select_related("question", "choice")} == {
        "SAT-FAIR": 4,
        "SAT-TIMELY": 2,
    }
    assert Invitation.objects.get(survey=response.survey).status == InvitationStatus.FINISHED

    again = client.get(link)
    assert again.status_code == 200 and "You already answered" in again.content.decode()


def test_an_open_complaint_offers_nothing_yet(client, case):
    review_start(case.complaint)
    assert "Tell us how the process went" not in _track(client, case.complaint).content.decode()
    assert client.get(reverse("complaint_satisfaction", args=[case.complaint.tracking_code])).status_code == 404


def test_the_link_needs_the_code_and_pin_like_every_complainant_page(client, case):
    _close_out_of_scope(case)
    response = client.get(reverse("complaint_satisfaction", args=[case.complaint.tracking_code]))
    assert response.status_code in (302, 404)
    assert satisfaction_code(case.complaint) not in response.get("Location", "")


def test_nothing_stored_links_the_complaint_to_its_invitation_or_answers(case):
    _close_out_of_scope(case)
    code = satisfaction_code(case.complaint)
    invitation = satisfaction_offer(case.complaint)
    assert satisfaction_offer(case.complaint) == invitation  # issued once
    assert Invitation.objects.count() == 1
    for table in (Invitation._meta.db_table, Complaint._meta.db_table):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
            assert code not in str(cursor.fetchall())
    field_names = {f.name for f in Invitation._meta.get_fields()} | {f.name for f in Response._meta.get_fields()}
    assert not {"complaint", "complaint_id"} & field_names


def test_the_questions_read_in_spanish(client, case):
    _close_out_of_scope(case)
    page = _track(client, case.complaint, language="es").content.decode()
    assert "Cuéntenos cómo fue el proceso" in page
    start = client.get(reverse("complaint_satisfaction", args=[case.complaint.tracking_code]))
    client.post(start.url, HTTP_ACCEPT_LANGUAGE="es")
    text = client.get(reverse("surveys:take_page"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "El proceso fue justo." in text
