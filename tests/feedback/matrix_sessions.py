"""URL permission rows for the dialogue sessions, merged into
tests/workflows/test_url_permission_matrix.MATRIX (url name -> (kwargs builder,
GET expectation, POST expectation or None)).

The public pages are open and show no registrant; private links answer 404 to a
wrong token. In the staff area the district's coordinators manage, the assigned
facilitator runs the session (roster with contact details); every other role,
police roles included, gets 404 for a session, and the advisory team reads
approved items only on the district page.
"""

from feedback.models import HeardItem, Registration, RegistrationStatus, Theme
from tests.feedback.builders import build_session
from tests.matrix_rules import STAFF, everyone, staff_area

MANAGERS = {"coordinator", "recused_coordinator"}
RUNNERS = MANAGERS | {"facilitator"}


def extend(world) -> None:
    """Adds a session run by the matrix's facilitator, with a registrant waiting for consent and one heard item."""
    facilitator = world.people["facilitator"]
    world.session = build_session(world.district, [world.school], facilitators=[facilitator], consent_required=True)
    world.session_to_cancel = build_session(world.district, [world.school], facilitators=[facilitator])
    world.registration = Registration.objects.create(
        session=world.session, name="Ana", email="ana@example.org", status=RegistrationStatus.PENDING_CONSENT
    )
    theme = Theme.objects.filter(district__isnull=True).first()
    world.heard_item = HeardItem.objects.create(
        session=world.session, theme=theme, text="We want to know", added_by=facilitator
    )


def _session(w):
    return {"pk": w.session.pk}


def _person(w):
    return {"pk": w.session.pk, "registration": w.registration.pk}


ROWS = {
    "feedback:session": (_session, everyone(200), None),
    # The sign-up form lives on the session page; the generic matrix data lacks a name: errors, kept input.
    "feedback:register": (_session, everyone(405), everyone(200)),
    "feedback:manage": (lambda w: {"token": "x" * 43}, everyone(404), everyone(404)),
    "feedback:consent": (lambda w: {"token": "x" * 43}, everyone(404), everyone(404)),
    "feedback:school_calendar": (lambda w: {"school_id": w.school.pk}, everyone(200), everyone(405)),
    "staff:sessions:index": (None, staff_area(STAFF, 200), None),
    "staff:sessions:session_add": (
        lambda w: {"district": w.district.pk},
        staff_area(MANAGERS, 200),
        staff_area(MANAGERS, 200),
    ),
    "staff:sessions:roster": (_session, staff_area(RUNNERS, 200), None),
    "staff:sessions:session_edit": (_session, staff_area(MANAGERS, 200), staff_area(MANAGERS, 200)),
    "staff:sessions:session_cancel": (
        lambda w: {"pk": w.session_to_cancel.pk},
        staff_area(MANAGERS, 200),
        staff_area(MANAGERS, 302),
    ),
    "staff:sessions:walk_in": (_session, staff_area(RUNNERS, 200), staff_area(RUNNERS, 200)),
    "staff:sessions:attendance": (_person, staff_area(RUNNERS, 405), staff_area(RUNNERS, 302)),
    "staff:sessions:paper_consent": (_person, staff_area(RUNNERS, 405), staff_area(RUNNERS, 302)),
    "staff:sessions:heard": (_session, staff_area(RUNNERS, 200), staff_area(RUNNERS, 200)),
    "staff:sessions:heard_edit": (
        lambda w: {"pk": w.session.pk, "item": w.heard_item.pk},
        staff_area(RUNNERS, 200),
        staff_area(RUNNERS, 200),
    ),
    "staff:sessions:heard_index": (None, staff_area(STAFF, 200), None),
    "staff:sessions:heard_review": (
        lambda w: {"item": w.heard_item.pk},
        staff_area(STAFF, 405),
        staff_area(MANAGERS, 302),
    ),
    "staff:sessions:themes": (
        lambda w: {"district": w.district.pk},
        staff_area(MANAGERS, 200),
        staff_area(MANAGERS, 200),
    ),
}
