"""The demo district's climate surveys: two closed years with trends and small groups, one open survey to take."""

import datetime

import pytest
from django.db.models import Avg, Count, F, Q
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.demo import demo_district_create
from accounts.models import District
from surveys.demo import demo_surveys_create, demo_surveys_purge
from surveys.models import (
    Answer,
    Attribution,
    ClassCode,
    CommentReview,
    CommentStatus,
    Invitation,
    InvitationStatus,
    OptOut,
    Question,
    Response,
    Source,
    Survey,
    SurveyStatus,
)
from surveys.services.responses import DEMOGRAPHIC_FIELDS
from tests.shared_data import held_for_tests

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def made(django_db_setup, django_db_blocker):
    """The demo district and its surveys, made once for the module (50,000 rows: seconds to write and to roll back)."""

    def make():
        today = timezone.localdate()
        demo_district_create(today=today)
        return demo_surveys_create(today=today)

    with held_for_tests(django_db_blocker, make) as surveys:
        yield surveys


@pytest.fixture
def demo(made):
    last, this, pulse = Survey.objects.order_by("opens_on")
    return last, this, pulse


def _codes(survey) -> list[str]:
    return list(survey.questions.order_by("position").values_list("code", flat=True))


def _favourable(survey, code) -> float:
    question = Question.objects.get(survey=survey, code=code)
    answers = Answer.objects.filter(question=question)
    top = {"agree", "strongly_agree"}
    return answers.filter(choice__code__in=top).count() / answers.count()


def test_two_closed_years_ask_the_same_codes_and_one_survey_is_open_to_take(demo):
    last, this, pulse = demo
    assert [s.status for s in demo] == [SurveyStatus.CLOSED, SurveyStatus.CLOSED, SurveyStatus.OPEN]
    assert _codes(last) == _codes(this)
    assert last.closes_on < this.opens_on - datetime.timedelta(days=300)  # a year apart
    assert set(_codes(pulse)) < set(_codes(this))
    assert all(s.title_es and s.intro_es and s.thanks_es for s in demo)
    assert ClassCode.objects.filter(survey=pulse, is_active=True).exists()
    closed = Response.objects.filter(survey__in=[last, this])
    assert closed.count() >= 1500
    assert closed.values("school").distinct().count() == 4  # every demo school
    assert set(closed.values_list("respondent_group", flat=True)) == {"student", "guardian", "staff", "community"}


def test_results_have_groups_too_small_to_show_and_differences_worth_showing(demo):
    last, this, _ = demo
    threshold = District.objects.get(slug="riverside").suppression_threshold
    cells = Response.objects.filter(survey=this).values("school", "respondent_group").annotate(n=Count("pk"))
    assert any(c["n"] < threshold for c in cells) and any(c["n"] >= 100 for c in cells)
    races = Response.objects.filter(survey=this).values("race").annotate(n=Count("pk"))
    assert any(0 < r["n"] < threshold for r in races)
    fair = Answer.objects.filter(response__survey=this, question__code="SRO-FAIR-1")
    by_race = {r: fair.filter(response__race=r).aggregate(m=Avg("choice__value"))["m"] for r in ("black", "white")}
    assert by_race["black"] < by_race["white"] - 0.3
    # The district explained the complaint process this year: more people know it.
    assert _favourable(this, "SRO-COMPL-1") > _favourable(last, "SRO-COMPL-1") + 0.1


def test_responses_look_as_the_response_store_leaves_them(demo):
    _, this, _ = demo
    assert not Attribution.objects.exists()
    for field in DEMOGRAPHIC_FIELDS.values():
        code = {"respondent_group": "DEM-GROUP", "english_learner": "DEM-EL"}.get(field, f"DEM-{field.upper()}")
        answered = Answer.objects.filter(response__survey=this, question__code=code)
        assert answered.count() > 100, field
        assert not answered.exclude(choice__code=F(f"response__{field}")).exists(), field
    assert not Answer.objects.exclude(choice__isnull=True).exclude(choice__question=F("question")).exists()
    sources = set(Response.objects.values_list("source", flat=True))
    assert sources <= set(Source.values) and Source.PAPER not in sources


def test_comments_wait_for_review_this_year_and_last_years_were_reviewed_with_names_redacted(demo):
    last, this, _ = demo
    pending = CommentReview.objects.filter(answer__response__survey=this, status=CommentStatus.PENDING)
    assert pending.count() >= 20
    reviewed = CommentReview.objects.filter(answer__response__survey=last)
    assert not reviewed.filter(status=CommentStatus.PENDING).exists()
    approved = reviewed.filter(status=CommentStatus.APPROVED)
    assert approved.exists() and reviewed.filter(status=CommentStatus.HIDDEN).exists()
    assert approved.filter(redacted_text__contains="[name]").exists()
    for name in ("Reyes", "Blake", "Lopez", "López"):
        assert not approved.filter(redacted_text__contains=name).exists()
    assert reviewed.filter(safety_concern=True).exists()


def test_invitations_in_every_status_give_response_rates_no_higher_than_the_responses(demo):
    for survey in demo:
        statuses = set(Invitation.objects.filter(survey=survey).values_list("status", flat=True))
        assert statuses == set(InvitationStatus.values), survey
        cells = Invitation.objects.filter(survey=survey).values("school", "group")
        for cell in cells.annotate(done=Count("pk", filter=Q(status=InvitationStatus.FINISHED))):
            by_invitation = Response.objects.filter(
                survey=survey, school=cell["school"], respondent_group=cell["group"], source=Source.INVITATION
            )
            assert cell["done"] <= by_invitation.count()


def test_seeding_twice_adds_nothing_and_the_purge_removes_every_demo_survey_row(demo):
    counts = (Survey.objects.count(), Response.objects.count(), Invitation.objects.count())
    assert not demo_surveys_create(today=timezone.localdate()).surveys
    assert (Survey.objects.count(), Response.objects.count(), Invitation.objects.count()) == counts
    assert demo_surveys_purge() == 3
    for model in (Survey, Response, Answer, Invitation, CommentReview, ClassCode, OptOut):
        assert not model.objects.exists(), model
    assert demo_surveys_purge() == 0


def _take(client, start_url: str) -> str:
    """Starts at ``start_url`` and sends every page without answering; returns the thank-you page's address (a
    class-code device is sent there; otherwise the last page answers with the thank-you page itself)."""
    assert client.get(start_url).status_code == 200
    response = client.post(start_url, {"start": "1"})
    assert response.status_code == 200 and 'name="page" value="1"' in response.content.decode()
    for number in range(1, 10):
        response = client.post(reverse("surveys:take_page"), {"page": str(number), "next": "1"})
        if response.status_code == 302:  # a class-code device: sent to the thank-you page
            return response.url
        if "Your answers to" in response.content.decode():  # every other page answers with the next page itself
            return reverse("surveys:take_thanks", args=[response.context["survey"].public_id])
    raise AssertionError("the survey never ended")


def test_a_visitor_takes_the_open_demo_survey_with_the_printed_code_and_the_class_code(made, client):
    pulse = made.surveys[-1]
    before = pulse.responses.count()
    thanks = reverse("surveys:take_thanks", args=[pulse.public_id])
    assert _take(client, reverse("surveys:take_code_link", args=[made.invitation_codes[0]])) == thanks
    assert _take(Client(), reverse("surveys:take_code_link", args=[made.class_code])) == thanks
    assert pulse.responses.count() == before + 2
    finished = Invitation.objects.filter(survey=pulse, batch="Demo visitors", status=InvitationStatus.FINISHED)
    assert finished.count() == 1
