"""URL permission rows for the SRO activity records, merged into
tests/workflows/test_url_permission_matrix.MATRIX.

The records' pages exist for SROs, school administrators, coordinators and
police reviewers (everyone else: 404). An event is read by the SRO who logged
it, the school's administrator, the district's coordinators and the officer's
agency's reviewers; only an SRO with an officer record logs.
"""

from activity.models import EventType
from tests.activity.builders import build_event, offence
from tests.factories import OfficerFactory, RosterAssignmentFactory
from tests.matrix_rules import STAFF, staff_area

AREA = STAFF - {"advisory", "facilitator"}
EVENT_READERS = {
    "coordinator",
    "recused_coordinator",
    "school_admin",
    "police_reviewer",
    "named_officer",
    "sro",
    "superintendent",
    "agency_head",
}


def extend(world) -> None:
    """Gives the matrix's SRO an officer record rostered at the school, and one flagged event of theirs."""
    officer = OfficerFactory(agency=world.agency, user=world.people["sro"])
    RosterAssignmentFactory(officer=officer, school=world.school)
    world.activity_event = build_event(
        officer,
        world.school,
        type=EventType.CITATION,
        offence=offence(world.district, "loitering"),
        student_age=15,
    )


ROWS = {
    "staff:activity:index": (None, staff_area(AREA, 200), None),
    "staff:activity:export": (None, staff_area(AREA, 200), None),
    "staff:activity:outreach": (None, staff_area(AREA, 200), None),
    "staff:activity:event": (lambda w: {"pk": w.activity_event.pk}, staff_area(EVENT_READERS, 200), None),
    # The matrix's generic data is no event: the form comes back with its errors.
    "staff:activity:event_log": (None, staff_area({"sro"}, 200), staff_area({"sro"}, 200)),
    "staff:activity:outreach_log": (None, staff_area({"sro"}, 200), staff_area({"sro"}, 200)),
}
