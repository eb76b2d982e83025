"""URL permission rows for the annual assessment, merged into
tests/workflows/test_url_permission_matrix.MATRIX.

The district's assessment is read by its coordinators, advisory team, superintendent, agency
head and police reviewers (the officer named in the matrix's complaint is one); a coordinator
of another district or anyone else on staff gets 404. The district's scoring step is done by its
coordinators; the rubric and the goals are theirs; work plans belong to the school's
administrator and the district's coordinators. The matrix's generic POST data fills no form:
whoever may post gets the form back with its errors (200 or 400).
"""

from assessment.models import Criterion, Goal, WorkPlanTask
from assessment.services import annual as services
from assessment.services.annual_open import annual_open
from tests.matrix_rules import ANON, NOT_STAFF, STAFF

COORDINATORS = {"coordinator", "recused_coordinator"}
MANAGERS = COORDINATORS | {"coordinator_other_district"}
READERS = COORDINATORS | {"advisory", "superintendent", "agency_head", "police_reviewer", "named_officer"}
ASSESSMENT_AREA = STAFF - {"facilitator"}
# The other district's coordinator has no school: no work plan to keep, so no page.
PLANNERS = COORDINATORS | {"school_admin", "school_admin_other_school"}


def extend(world) -> None:
    """Opens the district's 2025 assessment (default rubric seeded), with one goal and one work plan task."""
    world.annual = annual_open(district=world.district, school_year=2025, by=world.people["coordinator"])
    world.annual_task = services.annual_open_task(world.annual, "district_score")
    world.criterion = Criterion.objects.filter(district=world.district).first()
    world.goal = Goal.objects.create(district=world.district, school_year=2025, title_en="Fewer arrests")
    world.work_plan_task = WorkPlanTask.objects.create(school=world.school, school_year=2025, text="Lunch visits")


def staff(allowed: set[str], ok: int):
    def status(who):
        if who == ANON:
            return 302
        if who in NOT_STAFF:
            return 403
        return ok if who in allowed else 404

    return status


ROWS = {
    "staff:assessment:annual_list": (None, staff(ASSESSMENT_AREA, 200), staff(MANAGERS, 200)),
    "staff:assessment:annual": (lambda w: {"pk": w.annual.pk}, staff(READERS, 200), None),
    "staff:assessment:annual_task": (
        lambda w: {"pk": w.annual.pk, "task_pk": w.annual_task.pk},
        None,
        staff(COORDINATORS, 400),
    ),
    "staff:assessment:annual_note": (lambda w: {"pk": w.annual.pk}, None, staff({"advisory"}, 400)),
    "staff:assessment:annual_sign_off": (lambda w: {"pk": w.annual.pk}, None, staff({"advisory"}, 400)),
    "staff:assessment:rubric": (None, staff(MANAGERS, 200), None),
    "staff:assessment:rubric_criterion_add": (None, staff(MANAGERS, 200), staff(MANAGERS, 400)),
    "staff:assessment:rubric_criterion": (
        lambda w: {"pk": w.criterion.pk},
        staff(COORDINATORS, 200),
        staff(COORDINATORS, 400),
    ),
    "staff:assessment:annual_goals": (None, staff(MANAGERS, 200), staff(MANAGERS, 400)),
    "staff:assessment:annual_goal": (lambda w: {"pk": w.goal.pk}, staff(COORDINATORS, 200), staff(COORDINATORS, 400)),
    "staff:assessment:work_plans": (None, staff(PLANNERS, 200), staff(PLANNERS, 400)),
    "staff:assessment:work_plan": (
        lambda w: {"pk": w.work_plan_task.pk},
        staff(COORDINATORS | {"school_admin"}, 200),
        staff(COORDINATORS | {"school_admin"}, 400),
    ),
}
