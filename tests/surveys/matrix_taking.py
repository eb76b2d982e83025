"""URL permission rows for the survey taking pages, merged into
tests/workflows/test_url_permission_matrix.MATRIX (same shape: url name ->
(kwargs builder, GET expectation, POST expectation or None))."""


def extend(world) -> None:
    """Adds to the matrix's world (tests/workflows/conftest.EveryoneOnACase)
    whatever these rows' URLs need; ``world.survey`` (open, at
    ``world.school``) and ``world.draft_survey`` are already there."""


ROWS: dict = {}
