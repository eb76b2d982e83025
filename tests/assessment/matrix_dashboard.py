"""URL permission rows of the public dashboard and the staff release pages, merged into
tests/workflows/test_url_permission_matrix.MATRIX.

The dashboard, its methodology, open-data files, report PDFs and correction pages are public (200 for everyone,
signed in or not). The staff release pages are for the district's coordinators and superintendent; the rest of the
staff get a 404, non-staff a 403 and anonymous visitors the sign-in page.
"""

from assessment.services.releases import release_publish
from tests.matrix_rules import ANON, NOT_STAFF

RELEASE_READERS = {"coordinator", "recused_coordinator", "superintendent"}
# Another district's coordinator has a list (of their own district's releases) but not this release.
LIST_READERS = RELEASE_READERS | {"coordinator_other_district"}


def extend(world) -> None:
    """Publishes the case's district's school year once, so every release URL has a release to show."""
    world.release = release_publish(
        district=world.district, school_year=2026, assessment={"summary": "Matrix"}, by=world.people["coordinator"]
    )


def _everyone(who) -> int:
    return 200


def _staff(allowed: set[str]):
    def status(who) -> int:
        if who == ANON:
            return 302
        if who in NOT_STAFF:
            return 403
        return 200 if who in allowed else 404

    return status


def _release(world) -> dict:
    return {"pk": world.release.pk}


ROWS = {
    "assessment:dashboard": (None, _everyone, None),
    "assessment:dashboard_methodology": (None, _everyone, None),
    "assessment:dashboard_changes": (_release, _everyone, None),
    "assessment:dashboard_csv": (lambda w: {"pk": w.release.pk, "key": "complaints_received"}, _everyone, None),
    "assessment:dashboard_report": (lambda w: {"pk": w.release.pk, "language": "es"}, _everyone, None),
    "staff:assessment:releases": (None, _staff(LIST_READERS), None),
    "staff:assessment:release": (_release, _staff(RELEASE_READERS), None),
}
