"""Post-session feedback: invitations at check-in, cards, unlinkability, results per session or series."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.models import AuditEvent
from feedback.models import Attendance, FeedbackTicket, Registration, RegistrationStatus, SessionFeedback
from feedback.services.post_session import (
    FeedbackSurveyRefused,
    school_year_bounds,
    session_feedback_results,
    session_feedback_set,
)
from feedback.services.roster import attendance_record, walk_in_add
from notifications.models import OutboundEmail
from surveys.codes import code_hash
from surveys.models import Invitation, InvitationStatus, Purpose, Response
from surveys.services.responses import response_store
from tests.feedback.builders import build_session
from tests.surveys.builders import build_survey, questions_by_code

pytestmark = pytest.mark.django_db


def feedback_survey(world, **fields):
    return build_survey(world.a, [world.a_school], purpose=Purpose.SESSION_FEEDBACK, **fields)


def seated(session, name="Ana", email="ana@example.org", **fields):
    return Registration.objects.create(
        session=session, name=name, email=email, status=RegistrationStatus.CONFIRMED, **fields
    )


def check_in(registration, by):
    return attendance_record(registration=registration, attendance=Attendance.PRESENT, by=by)


def answer_safe(survey, invitation=None, choice="agree"):
    q = questions_by_code(survey)["SRO-SAFE-1"]
    return response_store(
        survey=survey, answers={q.pk: choice}, source="invitation", language="en", invitation=invitation
    )


def test_checking_in_mails_the_attendee_a_one_time_invitation_to_the_feedback_survey(world, session, coordinator):
    survey = feedback_survey(world)
    session_feedback_set(session=session, survey=survey, actor=coordinator)
    ana = seated(session)
    check_in(ana, coordinator)
    invitation = Invitation.objects.get(survey=survey)
    assert invitation.email == "ana@example.org"
    mail = OutboundEmail.objects.get(template="survey_invitation")
    assert mail.to_email == "ana@example.org"
    check_in(ana, coordinator)  # checked in twice: still one invitation, one mail
    assert Invitation.objects.filter(survey=survey).count() == 1
    assert OutboundEmail.objects.filter(template="survey_invitation").count() == 1


def test_no_invitation_without_a_feedback_survey_or_for_a_no_show(world, session, coordinator):
    ana = seated(session)
    check_in(ana, coordinator)
    assert not Invitation.objects.exists()
    session_feedback_set(session=session, survey=feedback_survey(world), actor=coordinator)
    bea = seated(session, "Bea", "bea@example.org")
    attendance_record(registration=bea, attendance=Attendance.NO_SHOW, by=coordinator)
    assert list(FeedbackTicket.objects.values_list("registration__name", flat=True)) == ["Ana"]


def test_choosing_the_survey_after_check_in_invites_everyone_already_checked_in(world, session, coordinator):
    check_in(seated(session), coordinator)
    check_in(seated(session, "Bea", ""), coordinator)
    session_feedback_set(session=session, survey=feedback_survey(world), actor=coordinator)
    assert Invitation.objects.filter(kind="email").count() == 1
    assert Invitation.objects.filter(kind="code").count() == 1
    assert AuditEvent.objects.filter(kind="session_feedback_set").count() == 1


def test_a_survey_serves_one_session_and_only_its_district(world, session, coordinator):
    survey = feedback_survey(world)
    session_feedback_set(session=session, survey=survey, actor=coordinator)
    other = build_session(world.a, [world.a_school])
    with pytest.raises(FeedbackSurveyRefused):
        session_feedback_set(session=other, survey=survey, actor=coordinator)
    with pytest.raises(FeedbackSurveyRefused):
        session_feedback_set(session=other, survey=build_survey(world.a, [world.a_school]), actor=coordinator)
    b_survey = build_survey(world.b, [world.b_school], purpose=Purpose.SESSION_FEEDBACK)
    with pytest.raises(FeedbackSurveyRefused):
        session_feedback_set(session=other, survey=b_survey, actor=coordinator)


def test_a_walk_in_without_email_gets_a_card_whose_code_opens_the_survey_once(
    client, world, session, coordinator, facilitator
):
    survey = feedback_survey(world)
    session.facilitators.add(facilitator)
    session_feedback_set(session=session, survey=survey, actor=coordinator)
    walk_in_add(session=session, name="Walk In", group="", by=facilitator)
    client.force_login(facilitator)
    page = client.get(reverse("staff:sessions:post_session_cards", args=[session.pk]))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    (card, _qr) = page.context["cards"][0]
    invitation = Invitation.objects.get(code_hash=code_hash(card.code, purpose="invitation"))
    assert invitation.kind == "code" and invitation.survey == survey
    assert AuditEvent.objects.filter(kind="session_feedback_cards").exists()
    answer_safe(survey, invitation)
    # A used card is no longer printed.
    again = client.get(reverse("staff:sessions:post_session_cards", args=[session.pk]))
    assert again.context["cards"] == []


def test_a_card_invitation_cannot_be_traced_to_the_attendee_it_was_given_to(world, session, coordinator):
    session_feedback_set(session=session, survey=feedback_survey(world), actor=coordinator)
    walk_in = walk_in_add(session=session, name="Walk In", group="", by=coordinator)
    related = {f.related_model for f in FeedbackTicket._meta.get_fields() if f.is_relation}
    assert Invitation not in related
    invitation = Invitation.objects.get()
    values = {str(v) for v in Invitation.objects.values().get().values()}
    assert str(walk_in.pk) not in values - {str(invitation.pk), str(invitation.survey_id), str(invitation.school_id)}
    assert walk_in.name not in values


def test_nothing_links_a_feedback_response_to_its_invitation_or_attendee(world, session, coordinator):
    survey = feedback_survey(world)
    session_feedback_set(session=session, survey=survey, actor=coordinator)
    people = [seated(session, name, f"{name.lower()}@example.org") for name in ("Ana", "Bea")]
    for person in people:
        check_in(person, coordinator)
    tickets = {p.name: Invitation.objects.get(survey=survey, email=p.email) for p in people}
    answer_safe(survey, tickets["Ana"], "agree")
    answer_safe(survey, tickets["Bea"], "disagree")
    related = {f.related_model for f in Response._meta.get_fields() if f.is_relation}
    assert not related & {Invitation, Registration, FeedbackTicket, SessionFeedback}
    values = [str(v) for row in Response.objects.values() for v in row.values()]
    identifiers = {str(tickets["Ana"].pk), str(tickets["Bea"].pk), str(people[0].pk), str(people[1].pk)}
    # Only the survey, school and fixed labels are stored; no id of an invitation or attendee.
    assert not identifiers & (set(values) - {str(survey.pk), str(world.a_school.pk)})
    assert set(Invitation.objects.values_list("status", flat=True)) == {InvitationStatus.FINISHED}


def _responses(world, session, coordinator, how_many, **survey_fields):
    survey = feedback_survey(world, **survey_fields)
    SessionFeedback.objects.create(session=session, survey=survey)
    for _ in range(how_many):
        answer_safe(survey)
    return survey


def test_results_show_for_the_session_at_the_threshold(world, session, coordinator):
    _responses(world, session, coordinator, 10)
    results = session_feedback_results(session=session)
    assert (results.scope, results.respondents) == ("session", 10)
    cells = {cell.label: cell.count.value for q in results.questions for cell in q.cells}
    assert cells["Agree"] == 10


def _after_the_school_year_of(session, today_is):
    _first, last = school_year_bounds(session.starts_at)
    today_is(last + dt.timedelta(days=1))


def test_a_small_session_rolls_up_with_the_other_small_sessions_of_its_series(world, session, coordinator, today_is):
    _responses(world, session, coordinator, 6)
    second = build_session(world.a, [world.a_school], starts_in=dt.timedelta(days=8))
    _responses(world, second, coordinator, 5)
    big = build_session(world.a, [world.a_school], starts_in=dt.timedelta(days=9))
    _responses(world, big, coordinator, 12)
    _after_the_school_year_of(session, today_is)
    results = session_feedback_results(session=session)
    # The big session is shown on its own, so it stays out of the pool (nothing to subtract).
    assert (results.scope, results.respondents, results.sessions) == ("series", 11, 2)
    assert session_feedback_results(session=big).scope == "session"


def test_the_pool_of_small_sessions_waits_until_no_session_can_join_it_so_none_can_be_subtracted(
    world, session, coordinator, today_is
):
    _responses(world, session, coordinator, 6)
    second = build_session(world.a, [world.a_school], starts_in=dt.timedelta(days=8))
    _responses(world, second, coordinator, 5)
    # Shown now (11 responses, 11 "Agree"), the pool would show 14 with 13 "Agree" once a session of 3 joined it:
    # those 3 students' answers, by subtraction. It is shown when the school year is over and its surveys closed.
    results = session_feedback_results(session=session)
    assert (results.scope, results.respondents, results.questions) == ("later", None, [])
    _after_the_school_year_of(session, today_is)
    assert session_feedback_results(session=session).scope == "series"


def test_a_pool_with_a_survey_still_open_after_the_school_year_waits_for_it(world, session, coordinator, today_is):
    _responses(world, session, coordinator, 6)
    second = build_session(world.a, [world.a_school], starts_in=dt.timedelta(days=8))
    _responses(world, second, coordinator, 5, closes_on=None)  # never closes: answers may still come
    _after_the_school_year_of(session, today_is)
    assert session_feedback_results(session=session).scope == "later"


def test_a_small_session_alone_in_its_series_shows_nothing(world, session, coordinator):
    _responses(world, session, coordinator, 9)
    other_kind = build_session(world.a, [world.a_school], kind="listening")
    _responses(world, other_kind, coordinator, 9)
    results = session_feedback_results(session=session)
    assert (results.scope, results.respondents, results.questions) == ("suppressed", None, [])


def test_the_coordinator_chooses_the_survey_on_the_page_and_reads_results(client, world, session, coordinator):
    survey = feedback_survey(world, title_en="After the dialogue")
    client.force_login(coordinator)
    url = reverse("staff:sessions:post_session", args=[session.pk])
    assert "After the dialogue" in client.get(url).content.decode()
    assert client.post(url, {"survey": survey.pk}).status_code == 302
    assert SessionFeedback.objects.get(session=session).survey == survey
    page = client.get(url)
    assert page.context["results"].scope == "suppressed"
    assert AuditEvent.objects.filter(kind="session_feedback_viewed").exists()


def test_the_coordinator_reads_in_spanish_why_a_small_sessions_results_wait_for_the_end_of_the_year(
    client, world, session, coordinator
):
    _responses(world, session, coordinator, 6)
    _responses(world, build_session(world.a, [world.a_school], starts_in=dt.timedelta(days=8)), coordinator, 5)
    client.force_login(coordinator)
    url = reverse("staff:sessions:post_session", args=[session.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "cuando termine el curso escolar y se hayan cerrado sus encuestas" in page
    assert "<table" not in page.split("Resultados", 1)[1]  # no pooled numbers yet


def test_a_bad_choice_is_explained_next_to_the_field(client, world, session, coordinator):
    client.force_login(coordinator)
    url = reverse("staff:sessions:post_session", args=[session.pk])
    page = client.post(url, {"survey": 999999})
    assert page.status_code == 200
    assert page.context["form"].errors["survey"]


def test_the_survey_cannot_be_swapped_once_attendees_hold_invitations(world, session, coordinator):
    session_feedback_set(session=session, survey=feedback_survey(world), actor=coordinator)
    check_in(seated(session), coordinator)
    with pytest.raises(FeedbackSurveyRefused):
        session_feedback_set(session=session, survey=feedback_survey(world, title_en="Other"), actor=coordinator)


def test_cards_carry_no_name_and_another_sessions_facilitator_cannot_print_them(
    client, world, session, coordinator, facilitator
):
    session_feedback_set(session=session, survey=feedback_survey(world), actor=coordinator)
    walk_in_add(session=session, name="Zephyr Quill", group="", by=coordinator)
    url = reverse("staff:sessions:post_session_cards", args=[session.pk])
    client.force_login(facilitator)  # not assigned to this session
    assert client.get(url).status_code == 404
    session.facilitators.add(facilitator)
    page = client.get(url)
    assert len(page.context["cards"]) == 1
    assert "Zephyr" not in page.content.decode()


def test_the_feedback_page_keeps_a_fixed_number_of_queries(client, world, session, coordinator):
    survey = _responses(world, session, coordinator, 10)
    client.force_login(coordinator)
    url = reverse("staff:sessions:post_session", args=[session.pk])

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    ten = count()
    for _ in range(15):
        answer_safe(survey, choice="disagree")
    assert count() == ten
