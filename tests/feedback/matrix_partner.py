"""URL permission rows for post-session feedback and MOU partner feedback,
merged into tests/workflows/test_url_permission_matrix.MATRIX like
matrix_sessions (url name -> (kwargs builder, GET expectation, POST expectation)).

Post-session feedback: coordinators choose the survey and read results, the
advisory team reads results, the session's facilitator sees the page and
prints cards; everyone else (police roles included) gets 404."""

from tests.feedback.matrix_sessions import ANON, MANAGERS, NOT_STAFF, RUNNERS


def extend(world) -> None:
    """Needs ``matrix_sessions.extend`` first (``world.session``)."""


def staff_area(allowed: set[str], ok: int, elsewhere: int = 404):
    def status(who):
        if who == ANON:
            return 302
        if who in NOT_STAFF:
            return 403
        return ok if who in allowed else elsewhere

    return status


def _session(w):
    return {"pk": w.session.pk}


READERS = MANAGERS | {"advisory", "facilitator"}

ROWS = {
    "staff:sessions:post_session": (_session, staff_area(READERS, 200), staff_area(MANAGERS, 200)),
    "staff:sessions:post_session_cards": (_session, staff_area(RUNNERS, 200), staff_area(RUNNERS, 405)),
}
