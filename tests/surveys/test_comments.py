"""Free-text answers: the coordinator reviews them, the advisory team reads
approved ones from large enough groups only."""

import pytest
from django.urls import reverse

from accounts.models import Role
from core.models import AuditEvent, AuditKind
from surveys.models import CommentReview, CommentStatus
from surveys.models.bank import short_text
from surveys.services.comments import comment_review
from tests.factories import member
from tests.surveys.results_fill import fill

pytestmark = pytest.mark.django_db


@pytest.fixture
def commented(world, climate):
    """20 students at A High (the comment threshold) and 3 parents, each with a comment."""
    fill(climate, world.a_school, 20, answers={"SRO-COMMENT-1": "Officer Diaz was kind to me."})
    fill(climate, world.a_school, 3, group="guardian", answers={"SRO-COMMENT-1": "A parent's small-group remark."})
    return climate


def _url(name, survey, **kwargs):
    return reverse(f"staff:surveys:{name}", kwargs={"pk": survey.pk, **kwargs})


def _first_student_comment(survey):
    return survey.questions.get(code="SRO-COMMENT-1").answers.filter(response__respondent_group="student").first()


def test_the_coordinator_approves_a_comment_with_the_name_taken_out(client, world, commented):
    coordinator = member(Role.COORDINATOR, district=world.a)
    client.force_login(coordinator)
    answer = _first_student_comment(commented)
    assert "Officer Diaz" in client.get(_url("results_review", commented)).content.decode()
    prefix = str(answer.pk)
    response = client.post(
        _url("results_review_answer", commented, answer_id=answer.pk),
        {f"{prefix}-action": "approve", f"{prefix}-redacted_text": "Officer [name] was kind to me."},
    )
    assert response.status_code == 302
    review = CommentReview.objects.get(answer=answer)
    assert review.status == CommentStatus.APPROVED and review.redacted_text == "Officer [name] was kind to me."
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_COMMENT_REVIEWED, actor=coordinator).exists()
    assert AuditEvent.objects.filter(kind=AuditKind.SURVEY_COMMENTS_VIEWED, actor=coordinator).exists()


def test_a_safety_concern_needs_a_note_and_the_error_shows_next_to_it(client, world, commented):
    client.force_login(member(Role.COORDINATOR, district=world.a))
    answer = _first_student_comment(commented)
    prefix = str(answer.pk)
    response = client.post(
        _url("results_review_answer", commented, answer_id=answer.pk),
        {f"{prefix}-action": "hide", f"{prefix}-safety_concern": "on"},
    )
    assert response.status_code == 200
    assert "Say what should be followed up." in response.content.decode()
    assert not CommentReview.objects.filter(answer=answer).exists()


def test_the_advisory_team_reads_only_approved_comments_as_redacted(client, world, commented):
    answers = list(commented.questions.get(code="SRO-COMMENT-1").answers.filter(response__respondent_group="student"))
    coordinator = member(Role.COORDINATOR, district=world.a)
    comment_review(answer=answers[0], user=coordinator, action="approve", redacted_text="Officer [name] was kind.")
    comment_review(answer=answers[1], user=coordinator, action="hide")
    client.force_login(member(Role.ADVISORY, district=world.a))
    html = client.get(_url("results_comments", commented)).content.decode()
    assert "Officer [name] was kind." in html
    assert "Diaz" not in html


def test_comments_from_a_group_below_the_comment_threshold_are_not_shown(client, world, commented):
    parents = commented.questions.get(code="SRO-COMMENT-1").answers.filter(response__respondent_group="guardian")
    coordinator = member(Role.COORDINATOR, district=world.a)
    for answer in parents:
        comment_review(answer=answer, user=coordinator, action="approve")
    client.force_login(member(Role.ADVISORY, district=world.a))
    assert "small-group remark" not in client.get(_url("results_comments", commented)).content.decode()


def test_school_administrators_and_the_police_do_not_read_comments(client, world, commented):
    for user in (member(Role.SCHOOL_ADMIN, school=world.a_school), member(Role.SRO, agency=world.a_agency)):
        client.force_login(user)
        assert client.get(_url("results_comments", commented)).status_code == 404


def test_the_review_queue_is_the_coordinator_s_alone(client, world, commented):
    client.force_login(member(Role.ADVISORY, district=world.a))
    assert client.get(_url("results_review", commented)).status_code == 404


def test_the_review_queue_and_the_comments_page_cost_a_fixed_number_of_queries(
    client, world, commented, django_assert_num_queries
):
    coordinator = member(Role.COORDINATOR, district=world.a)
    for answer in commented.questions.get(code="SRO-COMMENT-1").answers.all()[:5]:
        comment_review(answer=answer, user=coordinator, action="approve")
    client.force_login(coordinator)
    client.get(_url("results_review", commented))
    with django_assert_num_queries(8):
        assert client.get(_url("results_review", commented)).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(_url("results_comments", commented)).status_code == 200


def test_after_a_review_the_coordinator_returns_to_the_same_queue_page(client, world, commented):
    client.force_login(member(Role.COORDINATOR, district=world.a))
    answer = _first_student_comment(commented)
    prefix = str(answer.pk)
    response = client.post(
        _url("results_review_answer", commented, answer_id=answer.pk) + "?status=pending&page=1",
        {f"{prefix}-action": "hide"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?status=pending&page=1")


def test_the_question_filter_lists_questions_in_the_reader_s_language_shortened_at_a_word(
    client, world, commented, settings
):
    commented.questions.filter(code="SRO-COMMENT-1").update(
        text_es="¿Qué más deberíamos saber sobre el programa de SRO en su escuela y en su barrio?"
    )
    client.force_login(member(Role.ADVISORY, district=world.a))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    html = client.get(_url("results_comments", commented)).content.decode()
    assert "SRO-COMMENT-1: ¿Qué más deberíamos saber sobre el programa de SRO en su…</option>" in html
    assert "What else should we know" not in html


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Short enough.", "Short enough."),
        (
            "What else should we know about the SRO program at your school? Tell us.",
            "What else should we know about the SRO program at your…",
        ),
        ("A" * 70, "A" * 60 + "…"),
    ],
)
def test_a_long_question_is_shortened_after_its_last_whole_word_with_an_ellipsis(text, shown):
    assert short_text(text) == shown
