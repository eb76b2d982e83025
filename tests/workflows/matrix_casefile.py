"""URL permission rows for the case file, the redacted export, staff files and officer history, merged into
tests/workflows/test_url_permission_matrix.MATRIX.

Case file and staff files: everyone on the case (coordinator, principal, police reviewer); the redacted export:
the coordinator only. Officer history: the district's coordinators (a coordinator recused from one complaint still
reads the officer's counts) and the officer's agency head; the officer named (a police reviewer) has no such area.
"""

from tests.matrix_rules import staff_area
from workflows.models import EarlyWarning

IN_CASE = {"coordinator", "school_admin", "police_reviewer"}
OFFICERS_AREA = {"coordinator", "coordinator_other_district", "recused_coordinator", "agency_head"}
OFFICER_READERS = {"coordinator", "recused_coordinator", "agency_head"}


def extend(world) -> None:
    """An open early warning on the complaint's officer (the named officer's own record)."""
    world.early_warning = EarlyWarning.objects.create(
        officer=world.case.officer, district=world.district, complaints=3, sustained=0, window_months=12
    )


def _complaint(w):
    return {"complaint_id": w.complaint.pk}


ROWS = {
    "staff:reviews:casefile": (_complaint, staff_area(IN_CASE, 200), None),
    # The matrix's POST has no "download": the page comes back with the preview.
    "staff:reviews:redaction": (
        _complaint,
        staff_area({"coordinator"}, 200),
        staff_area({"coordinator"}, 200),
    ),
    # The matrix's POST carries no file: the form comes back with its error.
    "staff:reviews:staff_files": (_complaint, staff_area(IN_CASE, 200), staff_area(IN_CASE, 200)),
    "staff:officers:index": (None, staff_area(OFFICERS_AREA, 200), None),
    "staff:officers:officer": (
        lambda w: {"pk": w.case.officer.pk},
        staff_area(OFFICER_READERS, 200),
        None,
    ),
    # No resolution in the matrix's POST: the officer's page comes back with the error.
    "staff:officers:warning_resolve": (
        lambda w: {"pk": w.early_warning.pk},
        None,
        staff_area(OFFICER_READERS, 200),
    ),
    "staff:officers:policy": (
        lambda w: {"district": w.district.pk},
        staff_area({"coordinator", "recused_coordinator"}, 200),
        staff_area({"coordinator", "recused_coordinator"}, 200),
    ),
}
