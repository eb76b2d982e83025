"""URL permission rows for the retention page (schedule, legal holds), merged into
tests/workflows/test_url_permission_matrix.MATRIX. Only the district's coordinators reach it (a recusal is about
reviewing one complaint, not about keeping records); everyone else in the staff area gets 404."""

from tests.matrix_rules import staff_area
from workflows.retention.holds import legal_hold_place

DISTRICT_COORDINATORS = {"coordinator", "recused_coordinator"}


def extend(world) -> None:
    world.legal_hold = legal_hold_place(complaint=world.complaint, reason="Claim", by=world.case.coordinator)


ROWS = {
    "staff:retention:index": (None, staff_area(DISTRICT_COORDINATORS | {"coordinator_other_district"}, 302), None),
    "staff:retention:district": (
        lambda w: {"district": w.district.pk},
        staff_area(DISTRICT_COORDINATORS, 200),
        staff_area(DISTRICT_COORDINATORS, 400),  # the matrix's POST is not a valid schedule
    ),
    "staff:retention:lift": (
        lambda w: {"pk": w.legal_hold.pk},
        staff_area(DISTRICT_COORDINATORS, 200),
        staff_area(DISTRICT_COORDINATORS, 302),
    ),
}
