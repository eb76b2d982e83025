"""URL permission rows for the survey taking pages, merged into
tests/workflows/test_url_permission_matrix.MATRIX (same shape: url name ->
(kwargs builder, GET expectation, POST expectation or None)).

Taking is public: every role, signed in or not, gets the same answer. POST
without a survey in progress or a valid code changes nothing (200 with the
form's errors, or 302 to the resume form)."""

from tests.matrix_rules import everyone
from tests.surveys.taking import invitation


def extend(world) -> None:
    """Adds to the matrix's world (tests/workflows/conftest.EveryoneOnACase)
    whatever these rows' URLs need; ``world.survey`` (open, at
    ``world.school``) and ``world.draft_survey`` are already there."""
    world.take_invitation, world.take_code = invitation(world.survey, world.school, email="invited@example.org")


ROWS: dict = {
    "surveys:index": (None, everyone(200), None),
    "surveys:take_code": (None, everyone(200), everyone(200)),
    # GET shows the first page (nothing changes); POST starts, or continues the invitation's draft, and answers
    # with the first page of questions.
    "surveys:take_code_link": (lambda w: {"code": w.take_code}, everyone(200), everyone(200)),
    "surveys:take_start": (
        lambda w: {"public_id": w.survey.public_id, "school_slug": w.school.slug},
        everyone(200),
        everyone(200),
    ),
    "surveys:take_resume": (None, everyone(200), everyone(200)),
    # No survey in progress in this browser: to the resume form.
    "surveys:take_page": (None, everyone(302), everyone(302)),
    "surveys:take_thanks": (lambda w: {"public_id": w.survey.public_id}, everyone(200), None),
}
