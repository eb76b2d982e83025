"""URL permission rows for the survey reach pages, merged into
tests/workflows/test_url_permission_matrix.MATRIX (same shape: url name ->
(kwargs builder, GET expectation, POST expectation or None)).

Every staff page of reaching people is the survey district's coordinators'
(``SurveyRule.AUTHOR``; a coordinator recused from one complaint still runs
the district's surveys); every other staff role gets 404, non-staff 403,
anonymous visitors the sign-in redirect. The opt-out form is public."""

from surveys.models import ClassCode

ANON = "anonymous"
AUTHORS = {"coordinator", "recused_coordinator"}
STAFF = {
    "coordinator",
    "coordinator_other_district",
    "recused_coordinator",
    "school_admin",
    "school_admin_other_school",
    "police_reviewer",
    "police_reviewer_other_agency",
    "named_officer",
    "sro",
    "advisory",
    "facilitator",
    "superintendent",
    "agency_head",
}


def extend(world) -> None:
    """Adds to the matrix's world (tests/workflows/conftest.EveryoneOnACase)
    whatever these rows' URLs need; ``world.survey`` (open, at
    ``world.school``) and ``world.draft_survey`` are already there."""
    world.class_code = ClassCode.objects.create(
        survey=world.survey, school=world.school, label="Room 1", code="MTRX23", created_by=world.case.coordinator
    )


def _authors(ok: int):
    def status(who):
        if who == ANON:
            return 302
        if who not in STAFF:
            return 403
        return ok if who in AUTHORS else 404

    return status


def _everyone(ok: int):
    return lambda who: ok


def _survey(w):
    return {"pk": w.survey.pk}


def _class_code(w):
    return {"pk": w.survey.pk, "code_pk": w.class_code.pk}


# A matrix POST carries no valid form: the form pages answer 200 with their errors.
ROWS: dict = {
    "staff:surveys:reach_index": (_survey, _authors(200), None),
    "staff:surveys:reach_links": (_survey, _authors(200), None),
    "staff:surveys:reach_poster": (lambda w: {"pk": w.survey.pk, "school_pk": w.school.pk}, _authors(200), None),
    "staff:surveys:reach_invite": (_survey, _authors(200), _authors(200)),
    "staff:surveys:reach_codes": (_survey, _authors(200), _authors(200)),
    "staff:surveys:reach_class_codes": (_survey, _authors(200), _authors(200)),
    "staff:surveys:reach_class_board": (_class_code, _authors(200), None),
    "staff:surveys:reach_class_deactivate": (_class_code, _authors(405), _authors(302)),
    "staff:surveys:reach_opt_outs": (_survey, _authors(200), None),
    "staff:surveys:reach_paper": (_survey, _authors(200), None),
    "staff:surveys:reach_paper_entry": (_survey, _authors(200), _authors(200)),
    "surveys:reach_opt_out": (lambda w: {"district_slug": w.district.slug}, _everyone(200), _everyone(200)),
    "surveys:reach_opt_out_done": (lambda w: {"district_slug": w.district.slug}, _everyone(200), None),
}
