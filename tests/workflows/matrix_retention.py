"""URL permission rows for the retention page (schedule, legal holds), merged into
tests/workflows/test_url_permission_matrix.MATRIX. Only the district's coordinators reach it (a recusal is about
reviewing one complaint, not about keeping records); everyone else in the staff area gets 404."""

from workflows.retention.holds import legal_hold_place

ANON = "anonymous"
NOT_STAFF = {"complainant", "student"}
DISTRICT_COORDINATORS = {"coordinator", "recused_coordinator"}


def extend(world) -> None:
    world.legal_hold = legal_hold_place(complaint=world.complaint, reason="Claim", by=world.case.coordinator)


def _staff_area(allowed, ok):
    def status(who):
        if who == ANON:
            return 302
        if who in NOT_STAFF:
            return 403
        return ok if who in allowed else 404

    return status


ROWS = {
    "staff:retention:index": (None, _staff_area(DISTRICT_COORDINATORS | {"coordinator_other_district"}, 302), None),
    "staff:retention:district": (
        lambda w: {"district": w.district.pk},
        _staff_area(DISTRICT_COORDINATORS, 200),
        _staff_area(DISTRICT_COORDINATORS, 400),  # the matrix's POST is not a valid schedule
    ),
    "staff:retention:lift": (
        lambda w: {"pk": w.legal_hold.pk},
        _staff_area(DISTRICT_COORDINATORS, 200),
        _staff_area(DISTRICT_COORDINATORS, 302),
    ),
}
