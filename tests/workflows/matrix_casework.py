"""URL permission rows for staff casework (intake, the complaints list,
related complaints, withdraw and reopen), merged into
tests/workflows/test_url_permission_matrix.MATRIX.

Coordinators and school administrators record complaints (a draft for another
district's school is not theirs: 404); everyone who reviews complaints has the
list (filtered by their scope); only the coordinator of a complaint links,
unlinks or reopens it (the recused coordinator never); the complainant alone
withdraws.
"""

import datetime

from complaints.models import ComplaintLink, Draft, Recusal
from complaints.services.intake import draft_save
from complaints.services.staff_intake import staff_complaint_record
from tests.factories import AllegationFactory, ComplaintFactory
from tests.matrix_rules import staff_area
from workflows.models import Route

REVIEWERS = {
    "coordinator",
    "coordinator_other_district",
    "recused_coordinator",
    "school_admin",
    "school_admin_other_school",
    "police_reviewer",
    "police_reviewer_other_agency",
    "named_officer",
}
INTAKE = {
    "coordinator",
    "coordinator_other_district",
    "recused_coordinator",
    "school_admin",
    "school_admin_other_school",
}
INTAKE_AT_SCHOOL = {"coordinator", "recused_coordinator", "school_admin"}


def _only(allowed: set[str], ok: int):
    return lambda who: ok if who in allowed else 404


def _about(world, day: datetime.date) -> dict:
    return {
        "kind": "complaint",
        "filer_role": "guardian",
        "filing_for_someone_else": False,
        "school": world.school,
        "occurred_on": day,
        "preferred_language": "en",
        "received_via": "phone",
        "received_on": day,
    }


def extend(world) -> None:
    """A staff draft half-way, a complaint the coordinator recorded, a closed
    complaint (the recused coordinator recused from it too) linked to the
    case's, and a second complaint of the complainant's to withdraw.
    The recused coordinator is recused from each of them."""
    coordinator = world.people["coordinator"]
    day = datetime.date(2026, 11, 2)
    raw = {k: [str(v.pk if hasattr(v, "pk") else v)] for k, v in _about(world, day).items()}
    world.intake_draft = draft_save(draft=None, step="about", raw=raw)
    recorded = draft_save(draft=None, step="about", raw=raw)
    incident = {"officer": None, "occurred_at_time": None, "location": "", "description": "Heard by phone"}
    incident |= {"witnesses": "", "desired_outcome": "", "allegations": ["conduct"]}
    contact = {"contact_preference": "none", "contact_name": "", "contact_email": "", "contact_phone": ""}
    contact |= {"involves_minor": False, "guardian_contact": ""}
    staff_complaint_record(
        actor=coordinator, draft=recorded, about=_about(world, day), incident=incident, contact=contact, session_key=""
    )
    world.intake_receipt = Draft.objects.get(pk=recorded.pk)
    # The recused coordinator is recused from every complaint of this world (their digest counts none).
    recused = world.people["recused_coordinator"]
    Recusal.objects.create(complaint_id=world.intake_receipt.data["complaint_id"], user=recused, reason="Family")
    world.closed_complaint = ComplaintFactory(school=world.school)
    AllegationFactory(complaint=world.closed_complaint, category="conduct")
    closed = {"complaint": world.closed_complaint, "route": Route.OUT_OF_SCOPE, "explanation": "A city matter."}
    world.case.take_to("triaged", **closed)
    Recusal.objects.create(complaint=world.closed_complaint, user=recused, reason="Family")
    world.complaint_link = ComplaintLink.objects.create(
        complaint=world.complaint, other=world.closed_complaint, kind="related"
    )
    # Not under review (no task for anyone's queue or digest): withdrawing works the same.
    world.withdrawable = ComplaintFactory(school=world.school, submitted_by=world.people["complainant"])


ROWS = {
    "staff:reviews:cases": (None, staff_area(REVIEWERS, 200), None),
    # The matrix's generic data is no complaint: the form comes back with its errors.
    "staff:reviews:intake": (None, staff_area(INTAKE, 200), staff_area(INTAKE, 200)),
    "staff:reviews:intake_details": (
        lambda w: {"token": w.intake_draft.token},
        staff_area(INTAKE_AT_SCHOOL, 200),
        staff_area(INTAKE_AT_SCHOOL, 200),
    ),
    "staff:reviews:intake_receipt": (
        lambda w: {"token": w.intake_receipt.token},
        staff_area({"coordinator"}, 200),
        staff_area({"coordinator"}, 302),
    ),
    # The generic data names no other complaint: the case page comes back with the link form's errors.
    "staff:reviews:link": (lambda w: {"complaint_id": w.complaint.pk}, None, staff_area({"coordinator"}, 200)),
    "staff:reviews:unlink": (
        lambda w: {"complaint_id": w.complaint.pk, "link_id": w.complaint_link.pk},
        None,
        staff_area({"coordinator"}, 302),
    ),
    # The generic data has no "reopen-reason": the case page comes back with the error.
    "staff:reviews:reopen": (
        lambda w: {"complaint_id": w.closed_complaint.pk},
        None,
        staff_area({"coordinator"}, 200),
    ),
    "complaint_withdraw": (
        lambda w: {"code": w.withdrawable.tracking_code},
        _only({"complainant"}, 200),
        _only({"complainant"}, 302),
    ),
}
