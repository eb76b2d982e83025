"""URL permission rows for the monthly review, merged into tests/workflows/test_url_permission_matrix.MATRIX.

The review pages exist for SROs, school administrators and coordinators (everyone else: 404); one review is
read by the district's coordinators, the school's administrator and the SROs rostered there that month, and its
certify step is done only by such an SRO. The flags table is for everyone who reads SRO records; the
notification deadlines for the district's coordinators.
"""

import datetime as dt

from tests.activity.matrix_activity import AREA as ACTIVITY_AREA
from tests.activity.matrix_activity import staff_area
from workflows.monthly.opening import monthly_review_open
from workflows.monthly.selectors import open_tasks

MONTHLY_AREA = {
    "coordinator",
    "coordinator_other_district",
    "recused_coordinator",
    "school_admin",
    "school_admin_other_school",
    "sro",
}
REVIEW_READERS = {"coordinator", "recused_coordinator", "school_admin", "sro"}
COORDINATORS = {"coordinator", "recused_coordinator"}


def extend(world) -> None:
    """October 2026's review of the matrix's school (its SRO is rostered there: tests/activity/matrix_activity)."""
    world.monthly_review = monthly_review_open(school=world.school, month=dt.date(2026, 10, 1))
    world.monthly_task = open_tasks(world.monthly_review).get()


ROWS = {
    "staff:monthly:index": (None, staff_area(MONTHLY_AREA, 200), None),
    "staff:monthly:review": (lambda w: {"pk": w.monthly_review.pk}, staff_area(REVIEW_READERS, 200), None),
    # The matrix's generic data does not certify: the SRO gets the form back with its error.
    "staff:monthly:task": (
        lambda w: {"pk": w.monthly_review.pk, "task_id": w.monthly_task.pk},
        None,
        staff_area({"sro"}, 200),
    ),
    "staff:monthly:flags": (None, staff_area(ACTIVITY_AREA, 200), None),
    "staff:monthly:flags_export": (None, staff_area(ACTIVITY_AREA, 200), None),
    "staff:monthly:deadlines": (
        lambda w: {"district": w.district.pk},
        staff_area(COORDINATORS, 200),
        staff_area(COORDINATORS, 302),
    ),
}
