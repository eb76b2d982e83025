"""URL permission rows for post-session feedback and MOU partner feedback,
merged into tests/workflows/test_url_permission_matrix.MATRIX like
matrix_sessions (url name -> (kwargs builder, GET expectation, POST expectation)).

Post-session feedback: coordinators choose the survey and read results, the
advisory team reads results, the session's facilitator sees the page and
prints cards; everyone else (police roles included) gets 404.

Partner feedback: the district's coordinators open rounds and read and answer
concerns; results are read by them, the advisory team and the police reviewers
of the district's agencies (the agency's supervisor); SROs give feedback through
the survey pages only."""

import datetime

from django.utils import timezone

from feedback.services.partner import partner_round_open
from tests.feedback.matrix_sessions import MANAGERS, RUNNERS
from tests.matrix_rules import STAFF, staff_area


def extend(world) -> None:
    """Needs ``matrix_sessions.extend`` first (``world.session``); adds an open partner feedback round."""
    today = timezone.localdate()
    world.partner_round = partner_round_open(
        district=world.district,
        label="Fall",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
        actor=world.people["coordinator"],
    )


def _session(w):
    return {"pk": w.session.pk}


READERS = MANAGERS | {"advisory", "facilitator"}

ROWS = {
    "staff:sessions:post_session": (_session, staff_area(READERS, 200), staff_area(MANAGERS, 200)),
    "staff:sessions:post_session_cards": (_session, staff_area(RUNNERS, 200), staff_area(RUNNERS, 405)),
}


def _round(w):
    return {"pk": w.partner_round.pk}


PARTNER_READERS = MANAGERS | {"advisory", "police_reviewer", "named_officer"}

ROWS |= {
    "staff:partner:index": (None, staff_area(STAFF, 200), None),
    "staff:partner:round_open": (
        lambda w: {"district": w.district.pk},
        staff_area(MANAGERS, 200),
        staff_area(MANAGERS, 200),
    ),
    "staff:partner:round": (_round, staff_area(PARTNER_READERS, 200), staff_area(PARTNER_READERS, 405)),
    # The matrix's generic POST names no concern: 404 even for the coordinator.
    "staff:partner:concerns": (_round, staff_area(MANAGERS, 200), staff_area(set(), 404)),
}
