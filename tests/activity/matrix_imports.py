"""URL permission rows for importing SRO records, merged into tests/workflows/test_url_permission_matrix.MATRIX.

The import pages exist for the district's coordinators (recused ones too: recusal is per complaint) and the
agency's head; everyone else on staff gets 404, police reviewers included (an import file carries demographics).
"""

from activity.imports.services import batch_upload
from tests.activity.matrix_activity import staff_area

IMPORTERS = {"coordinator", "recused_coordinator", "agency_head"}


def extend(world) -> None:
    """A checked (not imported) file of the world's agency, with one row in error, so no POST imports it."""
    text = "id,date,school,officer,type\nM-1,2026-10-05,{school},{badge},call\nM-2,not a date,{school},{badge},call\n"
    officer = world.case.officer
    content = text.format(school=world.school.name, badge=officer.badge_number or officer.full_name).encode()
    world.import_batch = batch_upload(
        agency=world.agency, kind="events", name="matrix.csv", content=content, by=world.people["coordinator"]
    )


def _batch(world):
    return {"pk": world.import_batch.pk}


ROWS = {
    # The matrix's generic POST is no upload: the form comes back with its errors.
    "staff:activity:imports": (None, staff_area(IMPORTERS, 200), staff_area(IMPORTERS, 200)),
    "staff:activity:import": (_batch, staff_area(IMPORTERS, 200), None),
    # No mapping in the generic POST, and the file has a row in error: both pages come back with the refusal.
    "staff:activity:import_mapping": (_batch, None, staff_area(IMPORTERS, 200)),
    "staff:activity:import_run": (_batch, None, staff_area(IMPORTERS, 200)),
    "staff:activity:import_coverage": (None, staff_area(IMPORTERS, 200), None),
}
