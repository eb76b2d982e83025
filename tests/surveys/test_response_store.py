"""The one place a response is stored: answers, demographics, invitations."""

from datetime import date

import pytest

from surveys.codes import code_generate, code_hash
from surveys.models import AnonymityMode, Answer, Attribution, Invitation, InvitationStatus, Response, Source
from surveys.services.responses import InvitationAlreadyUsed, SurveyNotOpen, response_store
from tests.surveys.builders import build_survey, questions_by_code


def _invitation(survey, school):
    return Invitation.objects.create(
        survey=survey,
        school=school,
        group="guardian",
        kind="email",
        email="p@example.org",
        code_hash=code_hash(code_generate(), purpose="invitation"),
    )


def test_a_finished_response_keeps_every_answer_and_its_demographics(climate, world):
    q = questions_by_code(climate)
    answers = {
        q["SRO-SAFE-1"].pk: "agree",
        str(q["SAF-WHERE-1"].pk): ["halls", "bus"],
        q["ENG-HOURS-1"].pk: 6,
        q["SRO-COMMENT-1"].pk: "  More visits please. ",
        q["DEM-GRADE"].pk: "10",
        q["DEM-GENDER"].pk: "prefer_not",
    }
    response = response_store(
        survey=climate,
        answers=answers,
        source=Source.LINK,
        language="es",
        school=world.a_school,
        respondent_group="student",
    )
    stored = Response.objects.get(pk=response.pk)
    assert (stored.grade, stored.gender, stored.respondent_group) == ("10", "prefer_not", "student")
    assert sorted(a.choice.code for a in Answer.objects.filter(question=q["SAF-WHERE-1"])) == ["bus", "halls"]
    assert Answer.objects.get(question=q["ENG-HOURS-1"]).number == 6
    assert Answer.objects.get(question=q["SRO-COMMENT-1"]).text == "More visits please."
    assert Answer.objects.filter(response=stored).count() == 7


def test_an_invitation_gives_one_response_and_an_anonymous_one_keeps_no_link(climate, world):
    invitation = _invitation(climate, world.a_school)
    response_store(survey=climate, answers={}, source=Source.INVITATION, language="en", invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.FINISHED
    assert not Attribution.objects.exists()
    with pytest.raises(InvitationAlreadyUsed):
        response_store(survey=climate, answers={}, source=Source.INVITATION, language="en", invitation=invitation)
    assert Response.objects.count() == 1


def test_a_confidential_survey_keeps_the_invitation_of_each_response(world):
    survey = build_survey(world.a, [world.a_school], anonymity=AnonymityMode.CONFIDENTIAL)
    invitation = _invitation(survey, world.a_school)
    response = response_store(survey=survey, answers={}, source=Source.INVITATION, language="en", invitation=invitation)
    assert Attribution.objects.get(response=response).invitation == invitation


def test_a_survey_not_yet_open_takes_no_response_but_paper_after_closing_is_entered(world):
    scheduled = build_survey(world.a, [world.a_school], open_now=False)
    with pytest.raises(SurveyNotOpen):
        response_store(survey=scheduled, answers={}, source=Source.LINK, language="en")
    draft = build_survey(world.a, [world.a_school], published=False)
    with pytest.raises(SurveyNotOpen):
        response_store(survey=draft, answers={}, source=Source.PAPER, language="en")
    assert not Response.objects.exists()
    closed = build_survey(world.a, [world.a_school], opens_on=date(2026, 1, 5), closes_on=date(2026, 2, 5))
    with pytest.raises(SurveyNotOpen):
        response_store(survey=closed, answers={}, source=Source.LINK, language="en")
    response_store(survey=closed, answers={}, source=Source.PAPER, language="en")
    assert Response.objects.filter(survey=closed, source=Source.PAPER).count() == 1


RACE_MULTIPLE = [
    (
        1,
        "DEM-RACE",
        "multiple",
        "Race or ethnicity",
        "Raza u origen étnico",
        {
            "demographic": "race",
            "choices": [{"code": c, "en": c, "es": c} for c in ("asian", "black", "white")],
        },
    ),
    (
        1,
        "DEM-GROUP",
        "single",
        "You are",
        "Usted es",
        {
            "demographic": "respondent_group",
            "choices": [{"code": c, "en": c, "es": c} for c in ("student", "staff")],
        },
    ),
]


def test_several_races_count_in_the_two_or_more_subgroup_and_one_race_in_its_own(world):
    survey = build_survey(world.a, [world.a_school], questions=RACE_MULTIPLE)
    q = questions_by_code(survey)
    several = response_store(
        survey=survey, answers={q["DEM-RACE"].pk: ["asian", "white"]}, source=Source.LINK, language="en"
    )
    one = response_store(survey=survey, answers={q["DEM-RACE"].pk: ["black"]}, source=Source.LINK, language="en")
    assert Response.objects.get(pk=several.pk).race == "multiple"
    assert Response.objects.get(pk=one.pk).race == "black"


def test_a_class_code_students_answer_to_the_group_question_does_not_make_them_staff(world):
    survey = build_survey(world.a, [world.a_school], questions=RACE_MULTIPLE)
    q = questions_by_code(survey)
    answers = {q["DEM-GROUP"].pk: "staff"}
    by_class = response_store(
        survey=survey, answers=answers, source=Source.CLASS, language="en", respondent_group="student"
    )
    by_link = response_store(survey=survey, answers=answers, source=Source.LINK, language="en")
    assert Response.objects.get(pk=by_class.pk).respondent_group == "student"
    assert Response.objects.get(pk=by_link.pk).respondent_group == "staff"
