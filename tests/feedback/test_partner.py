"""MOU partner feedback: opening a round, attributed SRO answers, anonymous school answers,
concerns answered in writing, and school staff's words never reaching the police."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEvent
from feedback.models import MouCommitment
from feedback.services.partner import RoundRefused, partner_round_open
from notifications.models import OutboundEmail
from surveys.models import AnonymityMode, Invitation, Purpose
from surveys.services.responses import response_store
from tests.factories import AgencyFactory, member
from tests.surveys.builders import questions_by_code

pytestmark = pytest.mark.django_db
STAFF_WORDS = "Officer Smith shouted at our counsellor"
STAFF_CONCERN = "Nobody told the principal before the arrest"


@pytest.fixture
def people(world):
    sro = member(Role.SRO, agency=world.a_agency, full_name="Sam Rivera")
    world.a_roster.officer.user = sro
    world.a_roster.officer.save()
    return {
        "coordinator": member(Role.COORDINATOR, district=world.a),
        "advisory": member(Role.ADVISORY, district=world.a),
        "principal": member(Role.SCHOOL_ADMIN, school=world.a_school),
        "sro": sro,
        "supervisor": member(Role.POLICE_REVIEWER, agency=world.a_agency),
        "other_supervisor": member(Role.POLICE_REVIEWER, agency=world.b_agency),
    }


@pytest.fixture
def partner_round(people, world):
    today = timezone.localdate()
    return partner_round_open(
        district=world.a,
        label="Fall 2026",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=30),
        actor=people["coordinator"],
    )


def school_answer(partner_round, school, rating="agree", comment="", concern=""):
    survey = partner_round.school_survey
    qs = questions_by_code(survey)
    answers = {qs[f"{c.code}-rating"].pk: rating for c in MouCommitment.objects.all()}
    answers[qs["not-discipline-comment"].pk] = comment
    answers[qs["concern"].pk] = concern
    return response_store(survey=survey, answers=answers, source="link", language="en", school=school)


def sro_answer(partner_round, people, comment="The school calls me for dress code"):
    survey = partner_round.sro_survey
    qs = questions_by_code(survey)
    invitation = Invitation.objects.get(survey=survey, email=people["sro"].email.lower())
    answers = {qs["not-discipline-rating"].pk: "disagree", qs["not-discipline-comment"].pk: comment}
    return response_store(
        survey=survey,
        answers=answers,
        source="invitation",
        language="en",
        school=invitation.school,
        invitation=invitation,
    )


def test_opening_a_round_publishes_both_forms_with_every_commitment_and_invites_sros_and_principals(
    partner_round, people, world
):
    for survey in (partner_round.sro_survey, partner_round.school_survey):
        assert survey.purpose == Purpose.PARTNER_FEEDBACK and survey.is_open
        codes = set(survey.questions.values_list("code", flat=True))
        for commitment in MouCommitment.objects.all():
            assert {f"{commitment.code}-rating", f"{commitment.code}-comment"} <= codes
        assert not survey.questions.filter(text_es="").exists()
    rating = partner_round.school_survey.questions.get(code="custody-consult-rating")
    assert "(MOU 2.4)" in rating.text_en and "(MOU 2.4)" in rating.text_es
    invited = set(OutboundEmail.objects.filter(template="survey_invitation").values_list("to_email", flat=True))
    assert invited == {people["sro"].email.lower(), people["principal"].email.lower()}
    assert Invitation.objects.get(survey=partner_round.sro_survey).school == world.a_school
    assert AuditEvent.objects.filter(kind="partner_round_opened").count() == 1


def test_the_forms_say_plainly_who_sees_the_answers(partner_round):
    assert partner_round.sro_survey.anonymity == AnonymityMode.CONFIDENTIAL
    assert "NOT anonymous" in partner_round.sro_survey.intro_en
    assert "NO son anónimas" in partner_round.sro_survey.intro_es
    assert partner_round.school_survey.anonymity == AnonymityMode.ANONYMOUS
    assert "never passed to the police" in partner_round.school_survey.intro_en


def test_a_closing_date_before_the_opening_date_is_refused(people, world, client):
    client.force_login(people["coordinator"])
    page = client.post(
        reverse("staff:partner:round_open", args=[world.a.pk]),
        {"label": "Spring", "opens_on": "2027-03-01", "closes_on": "2027-02-01"},
    )
    assert page.status_code == 200
    assert "The closing date cannot be before the opening date." in page.content.decode()
    with pytest.raises(RoundRefused):
        partner_round_open(
            district=world.a,
            label="Spring",
            opens_on=dt.date(2027, 3, 1),
            closes_on=dt.date(2027, 2, 1),
            actor=people["coordinator"],
        )


def test_school_staff_comments_and_concerns_never_reach_a_page_the_police_can_open(
    partner_round, people, world, client
):
    for _ in range(12):
        school_answer(partner_round, world.a_school, comment=STAFF_WORDS, concern=STAFF_CONCERN)
    survey = partner_round.school_survey
    survey.results_shared_at = timezone.now()  # even with the district results shared with the police
    survey.save()
    urls = [
        reverse("staff:partner:index"),
        reverse("staff:partner:round", args=[partner_round.pk]),
        reverse("staff:partner:concerns", args=[partner_round.pk]),
        reverse("staff:surveys:results_detail", args=[survey.pk]),
        reverse("staff:surveys:results_comments", args=[survey.pk]),
        reverse("staff:surveys:results_review", args=[survey.pk]),
        reverse("staff:surveys:results_export", args=[survey.pk]),
    ]
    for who in ("supervisor", "other_supervisor", "sro"):
        client.force_login(people[who])
        for url in urls:
            body = client.get(url).content.decode()
            assert STAFF_WORDS not in body and STAFF_CONCERN not in body, (who, url)
    client.force_login(people["supervisor"])
    assert client.get(reverse("staff:partner:round", args=[partner_round.pk])).status_code == 200
    assert client.get(reverse("staff:partner:concerns", args=[partner_round.pk])).status_code == 404
    # The coordinator does read them.
    client.force_login(people["coordinator"])
    assert STAFF_CONCERN in client.get(reverse("staff:partner:concerns", args=[partner_round.pk])).content.decode()


def test_school_ratings_show_per_school_only_at_the_threshold(partner_round, people, world, client):
    for _ in range(4):
        school_answer(partner_round, world.a_school)
    client.force_login(people["advisory"])
    url = reverse("staff:partner:round", args=[partner_round.pk])
    rows = client.get(url).context["results"].school_side[0].rows
    assert all(n.suppressed or not n.value for _label, n, _fav in rows)
    for _ in range(6):
        school_answer(partner_round, world.a_school)
    rows = client.get(url).context["results"].school_side[0].rows
    shown = {label: (n.value, favourable.value) for label, n, favourable in rows}
    assert shown[world.a_school.name] == (10, 100.0)
    assert AuditEvent.objects.filter(kind="partner_results_viewed").count() == 2


def test_sro_answers_are_attributed_to_the_coordinator_and_their_own_agency_only(partner_round, people, world, client):
    sro_answer(partner_round, people)
    url = reverse("staff:partner:round", args=[partner_round.pk])
    for who in ("coordinator", "advisory", "supervisor"):
        client.force_login(people[who])
        body = client.get(url).content.decode()
        assert "Sam Rivera" in body and "The school calls me for dress code" in body, who
    client.force_login(people["other_supervisor"])
    assert client.get(url).status_code == 404  # another district's agency


def test_a_concern_stays_open_until_the_coordinator_answers_it_in_writing(partner_round, people, world, client):
    school_answer(partner_round, world.a_school, concern=STAFF_CONCERN)
    client.force_login(people["coordinator"])
    round_url = reverse("staff:partner:round", args=[partner_round.pk])
    assert client.get(round_url).context["open_concerns"] == 1
    url = reverse("staff:partner:concerns", args=[partner_round.pk])
    (answer, _form) = client.get(url).context["concerns"][0]
    empty = client.post(url, {"answer": answer.pk, f"c{answer.pk}-text": ""})
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    assert client.get(round_url).context["open_concerns"] == 1
    done = client.post(url, {"answer": answer.pk, f"c{answer.pk}-text": "We met the principal on 3 March."})
    assert done.status_code == 302
    assert client.get(round_url).context["open_concerns"] == 0
    assert AuditEvent.objects.filter(kind="partner_concern_answered").count() == 1
    assert AuditEvent.objects.filter(kind="partner_concerns_viewed").exists()


def test_only_the_coordinator_opens_a_round_and_reads_concerns(partner_round, people, world, client):
    for who in ("advisory", "principal", "supervisor", "sro"):
        client.force_login(people[who])
        assert client.get(reverse("staff:partner:round_open", args=[world.a.pk])).status_code == 404, who
        assert client.get(reverse("staff:partner:concerns", args=[partner_round.pk])).status_code == 404, who
    client.force_login(people["principal"])
    assert client.get(reverse("staff:partner:round", args=[partner_round.pk])).status_code == 404


def test_a_supervisor_of_another_agency_of_the_district_reads_no_sro_of_ours(partner_round, people, world, client):
    sro_answer(partner_round, people)
    neighbour = member(Role.POLICE_REVIEWER, agency=AgencyFactory(district=world.a))
    client.force_login(neighbour)
    page = client.get(reverse("staff:partner:round", args=[partner_round.pk]))
    assert page.status_code == 200
    assert page.context["results"].sro_side == []
    assert "Sam Rivera" not in page.content.decode()
