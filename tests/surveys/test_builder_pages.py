"""The builder's pages cost a fixed number of queries whatever the survey's
size, and the preview shows every page in either language, saving nothing."""

import pytest
from django.urls import reverse

from accounts.models import Role
from core.models import AuditEvent
from surveys.models import ResponseDraft, Survey
from tests.factories import member
from tests.surveys.builders import DEFAULT_QUESTIONS, build_survey
from tests.surveys.matrix_builder import ItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, world):
    client.force_login(member(Role.COORDINATOR, district=world.a))
    return client


def _url(name, survey, **kwargs):
    return reverse(f"staff:surveys:{name}", kwargs={"pk": survey.pk, **kwargs})


def _bigger(world, times: int) -> Survey:
    questions = [
        (page + 3 * n, f"{code}-{n}", kind, en, es, extra)
        for n in range(times)
        for (page, code, kind, en, es, extra) in DEFAULT_QUESTIONS
    ]
    return build_survey(world.a, [world.a_school], questions=questions, published=False)


def _queries(client, url, django_assert_num_queries, expected):
    client.get(url)  # warm the session and the content-type cache
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


# Every page: session, user, memberships (the rules), the authenticator check, the survey.
# Survey page: + pages, questions, choices, schools shown, schools checked for the gaps.
BUILD_PAGE_QUERIES = 10
# Bank page: + item count, pages, codes already used, the page of items.
BANK_PAGE_QUERIES = 9
# Preview: + pages, questions, choices.
PREVIEW_QUERIES = 8


@pytest.mark.parametrize("times", [1, 3])
def test_the_survey_page_costs_the_same_queries_at_any_size(signed_in, world, django_assert_num_queries, times):
    survey = _bigger(world, times)
    _queries(signed_in, _url("build_survey", survey), django_assert_num_queries, BUILD_PAGE_QUERIES)


@pytest.mark.parametrize("items", [2, 25])
def test_the_bank_page_costs_the_same_queries_at_any_size(signed_in, world, django_assert_num_queries, items):
    survey = _bigger(world, 1)
    ItemFactory.create_batch(items)
    _queries(signed_in, _url("build_bank", survey), django_assert_num_queries, BANK_PAGE_QUERIES)


@pytest.mark.parametrize("times", [1, 3])
def test_the_preview_costs_the_same_queries_at_any_size(signed_in, world, django_assert_num_queries, times):
    survey = _bigger(world, times)
    url = _url("build_preview", survey, lang="es")
    _queries(signed_in, url, django_assert_num_queries, PREVIEW_QUERIES)


def test_the_spanish_preview_shows_every_page_in_spanish_and_saves_nothing(signed_in, world):
    survey = build_survey(world.a, [world.a_school], published=False)
    events = AuditEvent.objects.count()
    response = signed_in.get(_url("build_preview", survey, lang="es"))
    content = response.content.decode()
    assert 'lang="es"' in content
    for text in (
        "Encuesta de clima escolar",
        "Sus respuestas son anónimas.",
        "Me siento seguro cuando el SRO está cerca.",
        "Muy de acuerdo",
        "¿Dónde se siente inseguro?",
        "Prefiero no decirlo",
        "Gracias.",
        "Página 3 de 3",
    ):
        assert text in content, text
    assert "I feel safe when the SRO is nearby." not in content
    assert (ResponseDraft.objects.count(), AuditEvent.objects.count()) == (0, events)


def test_the_english_preview_shows_the_english_wording(signed_in, world):
    survey = build_survey(world.a, [world.a_school], published=False)
    content = signed_in.get(_url("build_preview", survey, lang="en")).content.decode()
    assert "I feel safe when the SRO is nearby." in content and "Strongly agree" in content
    assert "Page 1 of 3" in content


def test_a_preview_in_another_language_is_not_found(signed_in, world):
    survey = build_survey(world.a, [world.a_school], published=False)
    assert signed_in.get(_url("build_preview", survey, lang="fr")).status_code == 404


def test_a_direction_other_than_up_or_down_is_not_found(signed_in, world):
    survey = build_survey(world.a, [world.a_school], published=False)
    page = survey.pages.first()
    assert signed_in.post(_url("build_page_move", survey, page_id=page.pk, direction="sideways")).status_code == 404


def test_another_surveys_page_or_question_is_not_found(signed_in, world):
    survey = build_survey(world.a, [world.a_school], published=False)
    other = build_survey(world.a, [world.a_school], published=False)
    page, question = other.pages.first(), other.questions.first()
    assert signed_in.get(_url("build_page_edit", survey, page_id=page.pk)).status_code == 404
    assert signed_in.get(_url("build_question_edit", survey, question_id=question.pk)).status_code == 404


def test_the_advisory_team_sees_surveys_listed_without_builder_links(client, world):
    survey = build_survey(world.a, [world.a_school])
    client.force_login(member(Role.ADVISORY, district=world.a))
    content = client.get(reverse("staff:surveys:index")).content.decode()
    assert "Climate survey" in content
    assert _url("build_survey", survey) not in content
    assert reverse("staff:surveys:build_create") not in content
    assert reverse("staff:surveys:results_detail", args=[survey.pk]) in content


def test_a_school_administrator_finds_results_only_for_surveys_at_their_school(client, world):
    here = build_survey(world.a, [world.a_school])
    elsewhere = build_survey(world.a, [world.a_other_school])
    client.force_login(member(Role.SCHOOL_ADMIN, school=world.a_school))
    content = client.get(reverse("staff:surveys:index")).content.decode()
    assert reverse("staff:surveys:results_detail", args=[here.pk]) in content
    assert reverse("staff:surveys:results_detail", args=[elsewhere.pk]) not in content


def test_the_survey_list_pages_through_many_surveys(client, world):
    for _ in range(27):
        build_survey(world.a, [world.a_school])
    client.force_login(member(Role.ADVISORY, district=world.a))
    first = client.get(reverse("staff:surveys:index")).content.decode()
    assert "Page 1 of 2" in first and "?page=2" in first
    assert "Page 2 of 2" in client.get(reverse("staff:surveys:index"), {"page": 2}).content.decode()


def test_the_survey_page_is_titled_in_the_reader_s_language(signed_in, world, settings):
    survey = build_survey(world.a, [world.a_school], published=False)
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = signed_in.get(_url("build_survey", survey)).content.decode()
    assert "<h1>Encuesta de clima escolar <span" in html
    assert "<title>Encuesta de clima escolar" in html
