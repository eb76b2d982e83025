"""URL permission rows for the SRO activity reports, merged into
tests/workflows/test_url_permission_matrix.MATRIX.

The report pages and their CSV exist for everyone with the records' pages
(SROs, school administrators, coordinators, police reviewers); each reads the
figures of the events in their scope (tests/activity/test_reports.py checks
which). The state report templates are the district coordinator's only.
"""

from tests.activity.matrix_activity import AREA, staff_area

COORDINATORS = {"coordinator", "coordinator_other_district", "recused_coordinator"}

ROWS = {
    "staff:activity:reports": (None, staff_area(AREA, 200), None),
    "staff:activity:report_quarterly": (None, staff_area(AREA, 200), None),
    "staff:activity:report_csv": (lambda w: {"table": "schools"}, staff_area(AREA, 200), None),
    "staff:activity:state_reports": (None, staff_area(COORDINATORS, 200), None),
    "staff:activity:state_report_csv": (lambda w: {"shape": "crdc-arrs"}, staff_area(COORDINATORS, 200), None),
}
