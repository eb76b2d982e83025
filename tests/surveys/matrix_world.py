"""The surveys every URL-matrix row can use, plus each part's own additions."""

from tests.surveys import matrix_builder, matrix_reach, matrix_results, matrix_taking
from tests.surveys.builders import build_survey

PARTS = (matrix_builder, matrix_taking, matrix_reach, matrix_results)


def survey_world(world) -> None:
    world.survey = build_survey(world.district, [world.school])
    world.draft_survey = build_survey(world.district, [world.school], published=False)
    for part in PARTS:
        part.extend(world)


def survey_rows() -> dict:
    rows: dict = {}
    for part in PARTS:
        rows.update(part.ROWS)
    return rows
