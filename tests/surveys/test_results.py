"""The results service: what each breakdown shows and what it suppresses."""

import datetime
import secrets

import pytest
from django.utils import translation

from surveys.models import Invitation
from surveys.services.results import survey_results
from tests.surveys.builders import build_survey
from tests.surveys.results_fill import fill

pytestmark = pytest.mark.django_db


def _rows(results, code):
    question = next(q for q in results.questions if q.question.code == code)
    return {row.label: row for row in question.rows}


@pytest.fixture
def answered(world, climate):
    # A High: 30 girls agree, 4 boys strongly disagree; A Middle: 25 boys disagree.
    fill(
        climate,
        world.a_school,
        30,
        answers={"SRO-SAFE-1": "agree", "SRO-FAIR-1": "neutral", "ENG-HOURS-1": 5, "SAF-WHERE-1": ["bus"]},
        gender="girl",
    )
    fill(climate, world.a_school, 4, answers={"SRO-SAFE-1": "strongly_disagree", "SRO-FAIR-1": "agree"}, gender="boy")
    fill(
        climate,
        world.a_other_school,
        25,
        answers={"SRO-SAFE-1": "disagree", "SRO-FAIR-1": "agree", "ENG-HOURS-1": 8},
        gender="boy",
    )
    return climate


def test_each_school_and_the_district_show_their_answers_with_percent_favourable(world, answered):
    rows = _rows(survey_results(survey=answered, visible_school_ids=None), "SRO-FAIR-1")
    assert rows["A Middle"].n.value == 25
    assert rows["Whole district"].n.value == 59
    # 30 neutral of 59: favourable 49.2% with them, 100% of those who took a side.
    assert rows["Whole district"].favourable.value == 49.2
    assert rows["Whole district"].favourable_without_neutral.value == 100.0
    assert rows["Whole district"].mean.value == 3.49


def test_a_small_cell_is_suppressed_and_so_is_the_one_that_would_give_it_away(world, answered):
    rows = _rows(survey_results(survey=answered, visible_school_ids=None), "SRO-SAFE-1")
    high = rows["A High"]
    # 4 strongly disagree at A High: hidden, and with it the next smallest answer of the row.
    assert high.counts[0].suppressed and high.counts[0].value is None
    assert sum(1 for c in high.counts if c.suppressed) >= 2
    assert high.mean.suppressed
    # In the district column the 4 would be 4 = district - A Middle: hidden there too.
    assert rows["Whole district"].counts[0].suppressed


def test_a_school_administrator_sees_only_their_school_but_the_same_cells_hidden(world, answered):
    everyone = _rows(survey_results(survey=answered, visible_school_ids=None), "SRO-SAFE-1")
    own = _rows(survey_results(survey=answered, visible_school_ids={world.a_school.pk}), "SRO-SAFE-1")
    assert set(own) == {"A High"}
    assert own["A High"] == everyone["A High"]


def test_a_subgroup_too_small_to_show_is_suppressed_whole(world, answered):
    results = survey_results(survey=answered, visible_school_ids=None, school_id=world.a_school.pk, by="gender")
    rows = _rows(results, "SRO-SAFE-1")
    assert rows["Boy or man"].n.suppressed
    assert all(c.suppressed for c in rows["Boy or man"].percents)
    # The girls' 30 would give the boys' 4 away against the school's 34.
    assert rows["Girl or woman"].n.suppressed


def test_a_subgroup_breakdown_never_shows_a_school_number_the_school_view_hides(world, answered):
    by_school = _rows(survey_results(survey=answered, visible_school_ids=None), "SRO-SAFE-1")
    by_gender = survey_results(survey=answered, visible_school_ids=None, school_id=world.a_school.pk, by="gender")
    everyone = _rows(by_gender, "SRO-SAFE-1")["Everyone"]
    assert [c.suppressed for c in everyone.counts] == [c.suppressed for c in by_school["A High"].counts]


def test_a_school_percent_favourable_is_withheld_when_the_district_would_give_a_neighbour_s_small_cell_away(
    world, answered
):
    # A High: 4 agree (hidden). A Middle: 25 agree. District: 29 agree. Showing A Middle's 100%
    # favourable (25) beside the district's 29 would give A High's 4 away.
    rows = _rows(survey_results(survey=answered, visible_school_ids=None), "SRO-FAIR-1")
    assert rows["A High"].counts[3].suppressed
    assert rows["A Middle"].favourable.suppressed
    assert rows["A Middle"].counts[3].suppressed


def test_a_number_question_shows_its_mean(world, answered):
    rows = _rows(survey_results(survey=answered, visible_school_ids=None), "ENG-HOURS-1")
    assert rows["A High"].mean.value == 5.0
    assert rows["Whole district"].mean.value == 6.4


def test_earlier_administrations_are_matched_by_question_code(world, answered):
    last_year = build_survey(
        world.a,
        [world.a_school, world.a_other_school],
        opens_on=answered.opens_on - datetime.timedelta(days=400),
        closes_on=answered.opens_on - datetime.timedelta(days=365),
    )
    fill(last_year, world.a_school, 20, answers={"SRO-FAIR-1": "strongly_agree"})
    results = survey_results(survey=answered, visible_school_ids=None, by="year")
    rows = list(_rows(results, "SRO-FAIR-1").values())
    assert len(rows) == 2
    assert rows[1].favourable.value == 100.0 and rows[1].n.value == 20


def test_administrations_are_named_by_the_school_year_they_opened_in(world):
    # Closing in January 2026 and in December 2026, these were both "2026": two school years apart by their opening.
    spring = build_survey(
        world.a, [world.a_school], opens_on=datetime.date(2025, 12, 1), closes_on=datetime.date(2026, 1, 9)
    )
    autumn = build_survey(
        world.a, [world.a_school], opens_on=datetime.date(2026, 11, 2), closes_on=datetime.date(2026, 12, 18)
    )
    second = build_survey(
        world.a, [world.a_school], opens_on=datetime.date(2025, 9, 8), closes_on=datetime.date(2025, 10, 3)
    )
    results = survey_results(survey=autumn, visible_school_ids=None, by="year")
    assert results.row_labels == ["2026–27 (v1)", "2025–26, Dec. 1, 2025 (v1)", "2025–26, Sept. 8, 2025 (v1)"]
    with translation.override("es"):
        labels = survey_results(survey=autumn, visible_school_ids=None, by="year").row_labels
    assert labels[1] == "2025–26, 1 de diciembre de 2025 (v1)"
    assert spring.pk and second.pk


def test_domain_scores_average_the_shown_percent_favourable(world, answered):
    results = survey_results(survey=answered, visible_school_ids=None)
    sro = next(d for d in results.domains if d.questions == 2)
    district = results.row_labels.index("Whole district")
    # SRO-SAFE-1 favourable 30/59 = 50.8; SRO-FAIR-1 favourable 29/59 = 49.2.
    assert sro.scores[district].value == 50.0
    assert sro.covered[district] == 2


def test_respondents_are_counted_by_school_and_group(world, answered):
    results = survey_results(survey=answered, visible_school_ids=None)
    rows = dict(results.respondents.rows)
    assert rows["A High"][-1].value == 34
    assert rows["Whole district"][-1].value == 59


def test_results_of_a_survey_are_counted_in_a_fixed_number_of_queries(world, answered, django_assert_num_queries):
    answered.district  # noqa: B018 - loaded as the page loads it
    with django_assert_num_queries(8):
        survey_results(survey=answered, visible_school_ids=None, school_id=world.a_school.pk, by="gender")


def _invite(survey, school, group, status, count):
    Invitation.objects.bulk_create(
        Invitation(
            survey=survey, school=school, group=group, kind="email", code_hash=secrets.token_hex(32), status=status
        )
        for _ in range(count)
    )


def test_response_rates_count_invitations_by_school_and_group_and_hide_a_small_finished_count(world, answered):
    _invite(answered, world.a_school, "guardian", "finished", 30)
    _invite(answered, world.a_school, "guardian", "issued", 70)
    _invite(answered, world.a_other_school, "guardian", "finished", 4)
    _invite(answered, world.a_other_school, "guardian", "started", 36)
    rates = {(r.school, r.group): r for r in survey_results(survey=answered, visible_school_ids=None).rates}
    high = rates[("A High", "Parents and guardians")]
    assert (high.invited.value, high.finished.value, high.rate.value) == (100, None, None)
    middle = rates[("A Middle", "Parents and guardians")]
    assert middle.finished.suppressed and middle.rate.suppressed
    # A High's 30 would give A Middle's 4 away against the district's 34: hidden too.
    assert high.finished.suppressed
    district = rates[("Whole district", "Parents and guardians")]
    assert district.finished.value == 34 and district.rate.value == 24.3


def test_respondent_counts_and_a_question_everyone_answered_hide_the_same_school_and_group_cells(world, climate):
    for school, group, count in [
        (world.a_school, "guardian", 24),
        (world.a_other_school, "student", 4),
        (world.a_other_school, "guardian", 9),
        (world.a_other_school, "staff", 1),
    ]:
        fill(climate, school, count, group=group, answers={"SRO-SAFE-1": "agree"})
    results = survey_results(
        survey=climate, visible_school_ids=None, school_id=world.a_school.pk, by="respondent_group"
    )
    answers = {row.label: row.n.suppressed for row in _rows(results, "SRO-SAFE-1").values()}
    respondents = dict(results.respondents.rows)["A High"]
    by_label = dict(zip(results.respondents.columns, respondents, strict=True))
    assert answers["Parents and guardians"] and by_label["Parents and guardians"].suppressed
    for label, hidden in answers.items():
        assert by_label[label].suppressed == hidden, label


RATE_COLUMNS = ("invited", "not_used", "started", "finished")


def _recovered(rates) -> dict:
    """What a reader works out from the rates table by subtracting: along each
    row (invited = not used + started + finished) and each column (the schools
    add up to the district), a line with one unknown cell gives it away."""
    known = {(r.school, r.group, c): getattr(r, c).value for r in rates for c in RATE_COLUMNS}
    lines = [[(r.school, r.group, c) for c in RATE_COLUMNS] for r in rates]
    for column in RATE_COLUMNS:
        for group in {r.group for r in rates}:
            rows = [r for r in rates if r.group == group]
            district = [(r.school, group, column) for r in rows if r.school == "Whole district"]
            schools = [(r.school, group, column) for r in rows if r.school != "Whole district"]
            lines.append(district + schools)
    recovered, changed = {}, True
    while changed:
        changed = False
        for total, *parts in lines:
            cells = [total, *parts]
            unknown = [key for key in cells if known[key] is None]
            if len(unknown) == 1:
                signs = {**dict.fromkeys(parts, -1), total: 1}
                rest = sum(signs[key] * known[key] for key in cells if key != unknown[0])
                known[unknown[0]] = recovered[unknown[0]] = -rest * signs[unknown[0]]
                changed = True
    return recovered


def test_a_hidden_number_who_finished_cannot_be_worked_out_from_the_invited_not_used_and_started_counts(
    world, answered
):
    # The QA finding's numbers: 73 invited = 57 not used + 14 started + 2 finished (and 31 = 25 + 5 + 1).
    for school, issued, started, finished in [(world.a_school, 57, 14, 2), (world.a_other_school, 25, 5, 1)]:
        _invite(answered, school, "guardian", "issued", issued)
        _invite(answered, school, "guardian", "started", started)
        _invite(answered, school, "guardian", "finished", finished)
    _invite(answered, world.a_school, "student", "issued", 40)
    _invite(answered, world.a_school, "student", "finished", 20)
    rates = survey_results(survey=answered, visible_school_ids=None).rates
    by_row = {(r.school, r.group): r for r in rates}
    high = by_row[("A High", "Parents and guardians")]
    assert high.invited.value == 73 and high.finished.suppressed and high.rate.suppressed
    assert by_row[("Whole district", "Parents and guardians")].finished.suppressed
    # Along every row and column with a hidden cell, at least two are hidden: nothing comes back.
    assert _recovered(rates) == {}
    # A row with nothing small shows everything.
    students = by_row[("A High", "Students")]
    assert (students.invited.value, students.finished.value, students.rate.value) == (60, 20, 33.3)


def test_the_invitations_table_never_shows_as_finished_a_count_the_respondents_table_hides(world, climate):
    # 3 students answered at A High (too few), 20 parents: the respondents table hides both (the parents' 20 would
    # be the school's 23 minus the students'). Every parent answered through an invitation, so the invitations
    # table's 20 "finished" would give the 3 students away again: 23 - 20.
    fill(climate, world.a_school, 20, group="guardian", answers={"SRO-SAFE-1": "agree"})
    fill(climate, world.a_school, 3, group="student", answers={"SRO-SAFE-1": "agree"})
    _invite(climate, world.a_school, "guardian", "issued", 10)
    _invite(climate, world.a_school, "guardian", "finished", 20)
    _invite(climate, world.a_school, "student", "issued", 40)
    _invite(climate, world.a_school, "student", "finished", 3)
    results = survey_results(survey=climate, visible_school_ids=None)
    respondents = dict(zip(results.respondents.columns, dict(results.respondents.rows)["A High"], strict=True))
    assert respondents["Parents and guardians"].suppressed and respondents["Everyone"].value == 23
    rates = {(r.school, r.group): r for r in results.rates}
    parents = rates[("A High", "Parents and guardians")]
    assert parents.finished.suppressed and parents.rate.suppressed
    assert parents.invited.value == 30  # the rest of the row still shows, with enough hidden beside it
    assert _recovered(results.rates) == {}
