"""URL permission rows for training records and "you said, we did", merged into
tests/workflows/test_url_permission_matrix.MATRIX.

The staff pages exist for the assessment's roles (everyone on the staff side but the facilitator: 404). Events and
entries are read by those roles in their district and managed by its coordinators (another district's coordinator
manages their own, so the lists and add forms answer them, the records do not). Compliance names officers: the
coordinators and the superintendent, the agency head and the SRO (their own row) only. The public pages answer
everyone.
"""

from assessment.models import Commitment, SourceKind
from tests.assessment.training_builders import event
from tests.matrix_rules import STAFF, everyone, staff_area

AREA = STAFF - {"facilitator"}
COORDINATORS = {"coordinator", "coordinator_other_district", "recused_coordinator"}
DISTRICT_COORDINATORS = {"coordinator", "recused_coordinator"}
COMPLIANCE = COORDINATORS | {"superintendent", "agency_head", "sro"}


def extend(world) -> None:
    """One training event and one "you said, we did" entry of the matrix's district."""
    world.training_event = event(world.district, "2026-08-14", "6", "de-escalation", title="August summit")
    world.commitment = Commitment.objects.create(
        district=world.district,
        school_year=2026,
        concern_en="Families asked when officers may question a student.",
        source_kind=SourceKind.SESSION_THEME,
        source_label_en="Questioning",
        action_en="A one-page guide in English and Spanish.",
        owner_en="District coordinator",
        published=True,
    )


# The matrix's generic POST data fills no form here: forms come back with their errors (200); attendance with nobody
# ticked is a valid answer (302).
ROWS = {
    "assessment:training": (None, everyone(200), None),
    "assessment:training_csv": (None, everyone(200), None),
    "assessment:commitments": (None, everyone(200), None),
    "staff:assessment:training": (None, staff_area(AREA, 200), None),
    "staff:assessment:training_add": (None, staff_area(COORDINATORS, 200), staff_area(COORDINATORS, 200)),
    "staff:assessment:training_event": (
        lambda w: {"pk": w.training_event.pk},
        staff_area(DISTRICT_COORDINATORS, 200),
        staff_area(DISTRICT_COORDINATORS, 302),
    ),
    "staff:assessment:training_edit": (
        lambda w: {"pk": w.training_event.pk},
        staff_area(DISTRICT_COORDINATORS, 200),
        staff_area(DISTRICT_COORDINATORS, 200),
    ),
    "staff:assessment:training_requirements": (None, staff_area(COORDINATORS, 200), staff_area(COORDINATORS, 200)),
    "staff:assessment:training_compliance": (None, staff_area(COMPLIANCE, 200), None),
    "staff:assessment:commitments": (None, staff_area(AREA, 200), None),
    "staff:assessment:commitment_add": (None, staff_area(COORDINATORS, 200), staff_area(COORDINATORS, 200)),
    "staff:assessment:commitment": (
        lambda w: {"pk": w.commitment.pk},
        staff_area(DISTRICT_COORDINATORS, 200),
        staff_area(DISTRICT_COORDINATORS, 200),
    ),
    "staff:assessment:commitment_update": (
        lambda w: {"pk": w.commitment.pk},
        None,
        staff_area(DISTRICT_COORDINATORS, 200),
    ),
}
