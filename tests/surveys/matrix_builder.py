"""URL permission rows for the survey builder pages, merged into
tests/workflows/test_url_permission_matrix.MATRIX (same shape: url name ->
(kwargs builder, GET expectation, POST expectation or None)).

Only the coordinator of the survey's district builds (a coordinator recused
from a complaint still coordinates the district); every other staff role gets
404, people without a staff role 403, visitors the sign-in page. The POST
rows use the matrix's generic form data, so each writes only on objects no
other row needs (a spare page and question, a survey of its own to version).
"""

import factory

from surveys.models import Domain, Item, QuestionKind
from tests.matrix_rules import ANON, NOT_STAFF
from tests.surveys.builders import build_survey

BUILDERS = {"coordinator", "recused_coordinator"}
# Any coordinator may start a survey in their own district.
COORDINATORS = BUILDERS | {"coordinator_other_district"}


class ItemFactory(factory.django.DjangoModelFactory):
    """A bank item (shared unless given a district)."""

    class Meta:
        model = Item

    code = factory.Sequence(lambda n: f"TEST-{n}")
    domain = Domain.SRO
    kind = QuestionKind.AGREE4
    text_en = factory.Sequence(lambda n: f"Test statement {n}.")
    text_es = factory.Sequence(lambda n: f"Frase de prueba {n}.")


def builders_get(ok: int, allowed: set[str] = BUILDERS):
    def status(who):
        if who == ANON:
            return 302
        if who in NOT_STAFF:
            return 403
        return ok if who in allowed else 404

    return status


def extend(world) -> None:
    """A draft that cannot publish (no Spanish title), with a spare page and
    question for the removing rows, a published survey to make a new version
    of, and a shared bank item."""
    draft = build_survey(world.district, [world.school], published=False, title_es="")
    world.build_draft = draft
    world.build_page = draft.pages.get(position=1)
    world.build_question = draft.questions.get(code="SRO-SAFE-1")
    world.build_moved_question = draft.questions.get(code="SRO-FAIR-1")
    world.build_spare_question = draft.questions.get(code="SRO-KNOW-1")
    world.build_spare_page = draft.pages.create(position=4)
    world.build_published = build_survey(world.district, [world.school])
    world.build_item = ItemFactory(code="MATRIX-1")


def _draft(w):
    return {"pk": w.build_draft.pk}


ROWS: dict = {
    "staff:surveys:build_create": (None, builders_get(200, COORDINATORS), builders_get(200, COORDINATORS)),
    "staff:surveys:build_survey": (_draft, builders_get(200), None),
    "staff:surveys:build_settings": (_draft, builders_get(200), builders_get(200)),
    "staff:surveys:build_page_add": (_draft, None, builders_get(302)),
    "staff:surveys:build_page_edit": (
        lambda w: _draft(w) | {"page_id": w.build_page.pk},
        builders_get(200),
        builders_get(302),
    ),
    "staff:surveys:build_page_delete": (
        lambda w: _draft(w) | {"page_id": w.build_spare_page.pk},
        builders_get(200),
        builders_get(302),
    ),
    "staff:surveys:build_page_move": (
        lambda w: _draft(w) | {"page_id": w.build_page.pk, "direction": "down"},
        None,
        builders_get(302),
    ),
    "staff:surveys:build_bank": (_draft, builders_get(200), builders_get(302)),
    "staff:surveys:build_question_add": (_draft, builders_get(200), builders_get(200)),
    "staff:surveys:build_question_edit": (
        lambda w: _draft(w) | {"question_id": w.build_question.pk},
        builders_get(200),
        builders_get(200),
    ),
    "staff:surveys:build_question_delete": (
        lambda w: _draft(w) | {"question_id": w.build_spare_question.pk},
        builders_get(200),
        builders_get(302),
    ),
    "staff:surveys:build_question_move": (
        lambda w: _draft(w) | {"question_id": w.build_moved_question.pk, "direction": "up"},
        None,
        builders_get(302),
    ),
    # Refused (no Spanish title): the page again with the list of gaps.
    "staff:surveys:build_publish": (_draft, builders_get(200), builders_get(200)),
    "staff:surveys:build_new_version": (lambda w: {"pk": w.build_published.pk}, None, builders_get(302)),
    "staff:surveys:build_preview": (lambda w: _draft(w) | {"lang": "es"}, builders_get(200), None),
}
