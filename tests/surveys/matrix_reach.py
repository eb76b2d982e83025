"""URL permission rows for the survey reach pages, merged into
tests/workflows/test_url_permission_matrix.MATRIX (same shape: url name ->
(kwargs builder, GET expectation, POST expectation or None)).

Every staff page of reaching people is the survey district's coordinators'
(``SurveyRule.AUTHOR``; a coordinator recused from one complaint still runs
the district's surveys); every other staff role gets 404, non-staff 403,
anonymous visitors the sign-in redirect. The opt-out form is public."""

from surveys.models import ClassCode
from tests.matrix_rules import everyone, staff_area

AUTHORS = {"coordinator", "recused_coordinator"}


def extend(world) -> None:
    """Adds to the matrix's world (tests/workflows/conftest.EveryoneOnACase)
    whatever these rows' URLs need; ``world.survey`` (open, at
    ``world.school``) and ``world.draft_survey`` are already there."""
    world.class_code = ClassCode.objects.create(
        survey=world.survey, school=world.school, label="Room 1", code="MTRX23", created_by=world.case.coordinator
    )


def _survey(w):
    return {"pk": w.survey.pk}


def _class_code(w):
    return {"pk": w.survey.pk, "code_pk": w.class_code.pk}


# A matrix POST carries no valid form: the form pages answer 200 with their errors.
ROWS: dict = {
    "staff:surveys:reach_index": (_survey, staff_area(AUTHORS, 200), None),
    "staff:surveys:reach_links": (_survey, staff_area(AUTHORS, 200), None),
    "staff:surveys:reach_poster": (
        lambda w: {"pk": w.survey.pk, "school_pk": w.school.pk},
        staff_area(AUTHORS, 200),
        None,
    ),
    "staff:surveys:reach_invite": (_survey, staff_area(AUTHORS, 200), staff_area(AUTHORS, 200)),
    "staff:surveys:reach_codes": (_survey, staff_area(AUTHORS, 200), staff_area(AUTHORS, 200)),
    "staff:surveys:reach_class_codes": (_survey, staff_area(AUTHORS, 200), staff_area(AUTHORS, 200)),
    "staff:surveys:reach_class_board": (_class_code, staff_area(AUTHORS, 200), None),
    "staff:surveys:reach_class_deactivate": (_class_code, staff_area(AUTHORS, 405), staff_area(AUTHORS, 302)),
    "staff:surveys:reach_opt_outs": (_survey, staff_area(AUTHORS, 200), None),
    "staff:surveys:reach_paper": (_survey, staff_area(AUTHORS, 200), None),
    "staff:surveys:reach_paper_entry": (_survey, staff_area(AUTHORS, 200), staff_area(AUTHORS, 200)),
    "surveys:reach_opt_out": (lambda w: {"district_slug": w.district.slug}, everyone(200), everyone(200)),
    "surveys:reach_opt_out_done": (lambda w: {"district_slug": w.district.slug}, everyone(200), None),
}
