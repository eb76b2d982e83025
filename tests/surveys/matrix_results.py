"""URL permission rows for the survey results pages, merged into
tests/workflows/test_url_permission_matrix.MATRIX (same shape: url name ->
(kwargs builder, GET expectation, POST expectation or None))."""

from tests.surveys.results_fill import fill

ANON = "anonymous"
NON_STAFF = {"complainant", "student"}
COORDINATORS = {"coordinator", "recused_coordinator"}  # of the survey's district
# Police roles read results only once the coordinator shares them (world.survey is not shared).
RESULT_READERS = COORDINATORS | {"advisory", "school_admin"}
COMMENT_READERS = COORDINATORS | {"advisory"}


def extend(world) -> None:
    """Adds to the matrix's world (tests/workflows/conftest.EveryoneOnACase)
    whatever these rows' URLs need; ``world.survey`` (open, at
    ``world.school``) and ``world.draft_survey`` are already there."""
    (response,) = fill(world.survey, world.school, 1, answers={"SRO-COMMENT-1": "The SRO was kind."})
    world.comment_answer = response.answers.get()


def _staff(allowed: set[str], ok: int):
    def status(who):
        if who == ANON:
            return 302
        if who in NON_STAFF:
            return 403
        return ok if who in allowed else 404

    return status


def _survey(world):
    return {"pk": world.survey.pk}


ROWS: dict = {
    "staff:surveys:results_detail": (_survey, _staff(RESULT_READERS, 200), None),
    "staff:surveys:results_export": (_survey, _staff(RESULT_READERS, 200), None),
    # Posted without "shared": stop sharing, which changes nothing here.
    "staff:surveys:results_share": (_survey, None, _staff(COORDINATORS, 302)),
    "staff:surveys:results_comments": (_survey, _staff(COMMENT_READERS, 200), None),
    "staff:surveys:results_review": (_survey, _staff(COORDINATORS, 200), None),
    # Posted without a decision: the queue again with the error next to the field.
    "staff:surveys:results_review_answer": (
        lambda w: {"pk": w.survey.pk, "answer_id": w.comment_answer.pk},
        None,
        _staff(COORDINATORS, 200),
    ),
}
