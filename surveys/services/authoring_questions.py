"""Questions of a draft survey: copied from the item bank or written by the
coordinator, edited, removed and moved. Each copies its wording (and its
choices, ``surveys.scales.choice_rows``) so later edits of the bank never
touch a survey."""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from core.audit import AuditKind, audit_record, changes_between, instance_values
from surveys.models import Item, Page, Question, QuestionChoice, QuestionKind, Survey
from surveys.scales import choice_rows
from surveys.services.authoring import BuilderError, positions_set, survey_require_draft

QUESTION_FIELDS = (
    "code",
    "domain",
    "topic",
    "kind",
    "demographic",
    "text_en",
    "text_es",
    "help_en",
    "help_es",
    "required",
    "reverse_scored",
    "min_value",
    "max_value",
)
ITEM_FIELDS = ("code", "domain", "topic", "kind", "demographic", "text_en", "text_es", "reverse_scored")


class DuplicateCode(BuilderError):
    def __init__(self, code: str):
        super().__init__(_("The code %(code)s is already used in this survey.") % {"code": code})


class DuplicateBankCode(BuilderError):
    def __init__(self, code: str):
        super().__init__(_("The district's bank already has an item with the code %(code)s.") % {"code": code})


def bank_items_for(survey: Survey) -> QuerySet[Item]:
    """Items the builder offers for ``survey``: the shared bank and its
    district's own items, active ones only."""
    return Item.objects.filter(Q(district__isnull=True) | Q(district_id=survey.district_id), is_active=True)


def _code_free(survey: Survey, code: str, exclude: Question | None = None) -> None:
    taken = survey.questions.filter(code=code)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        raise DuplicateCode(code)


def _next_position(page: Page) -> int:
    return (page.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1


def _choices_store(question: Question, item_choices: list[dict]) -> None:
    question.choices.all().delete()
    if question.has_choices:
        QuestionChoice.objects.bulk_create(
            QuestionChoice(question=question, **row) for row in choice_rows(question.kind, item_choices)
        )


def _choices_of(question: Question) -> list[dict]:
    return [
        {"code": c.code, "en": c.label_en, "es": c.label_es, **({"prefer_not": True} if c.excluded else {})}
        for c in question.choices.all()
    ]


@transaction.atomic
def question_add_from_item(*, actor, survey: Survey, item: Item, page: Page, request=None) -> Question:
    """A copy of bank ``item`` at the end of ``page``: code, wording, kind,
    demographic, reverse flag and choices. Raises ``DuplicateCode`` when the
    survey already asks a question with that code."""
    survey_require_draft(survey)
    _code_free(survey, item.code)
    question = Question.objects.create(
        survey=survey,
        page=page,
        position=_next_position(page),
        item=item,
        help_en=getattr(item, "help_en", ""),
        help_es=getattr(item, "help_es", ""),
        **{f: getattr(item, f) for f in ITEM_FIELDS},
    )
    _choices_store(question, item.choices)
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_QUESTION_ADDED,
        obj=survey,
        changes={"code": [None, question.code], "item": [None, item.pk]},
        request=request,
    )
    return question


def _bank_item_save(*, actor, survey: Survey, question: Question, choices: list[dict], request) -> Item:
    if Item.objects.filter(district_id=survey.district_id, code=question.code).exists():
        raise DuplicateBankCode(question.code)
    item = Item.objects.create(
        district_id=survey.district_id,
        choices=choices if question.kind not in QuestionKind.scales() else [],
        **{f: getattr(question, f) for f in ITEM_FIELDS},
    )
    audit_record(actor=actor, kind=AuditKind.BANK_ITEM_ADDED, obj=item, district_id=survey.district_id, request=request)
    return item


@transaction.atomic
def question_create(
    *, actor, survey: Survey, page: Page, data: dict, choices: list[dict], save_to_bank: bool = False, request=None
) -> Question:
    """The coordinator's own question at the end of ``page``. ``choices`` are
    ``{"code", "en", "es"}`` (ignored for agreement scales, which use the
    fixed scale). With ``save_to_bank`` it is also kept in the district's bank
    (raises ``DuplicateBankCode`` when that code is taken there)."""
    survey_require_draft(survey)
    _code_free(survey, data["code"])
    question = Question(survey=survey, page=page, position=_next_position(page))
    for field in QUESTION_FIELDS:
        if field in data:
            setattr(question, field, data[field])
    question.full_clean()
    if save_to_bank:
        question.item = _bank_item_save(actor=actor, survey=survey, question=question, choices=choices, request=request)
    question.save()
    _choices_store(question, choices)
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_QUESTION_ADDED,
        obj=survey,
        changes=changes_between({}, instance_values(question, QUESTION_FIELDS) | {"choices": choices}),
        request=request,
    )
    return question


@transaction.atomic
def question_update(*, actor, question: Question, data: dict, choices: list[dict], request=None) -> Question:
    """``question`` changed to ``data`` and ``choices`` (draft surveys only)."""
    survey = question.survey
    survey_require_draft(survey)
    if "code" in data:
        _code_free(survey, data["code"], exclude=question)
    before = instance_values(question, QUESTION_FIELDS) | {"choices": _choices_of(question)}
    for field in QUESTION_FIELDS:
        if field in data:
            setattr(question, field, data[field])
    question.full_clean()
    question.save()
    _choices_store(question, choices)
    after = instance_values(question, QUESTION_FIELDS) | {"choices": _choices_of(question)}
    changes = changes_between(before, after)
    if changes:
        audit_record(
            actor=actor,
            kind=AuditKind.SURVEY_QUESTION_CHANGED,
            obj=survey,
            changes=changes,
            note=question.code,
            request=request,
        )
    return question


@transaction.atomic
def question_remove(*, actor, question: Question, request=None) -> None:
    """Removes ``question`` from its draft survey; the page closes the gap."""
    survey, page = question.survey, question.page
    survey_require_draft(survey)
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_QUESTION_REMOVED,
        obj=survey,
        changes=changes_between(instance_values(question, QUESTION_FIELDS), {}),
        note=question.code,
        request=request,
    )
    question.delete()
    positions_set(list(page.questions.order_by("position")))


@transaction.atomic
def question_move(*, actor, question: Question, up: bool, request=None) -> None:
    """Moves ``question`` one place up or down. At the top of a page it goes
    to the end of the page before; at the bottom, to the start of the next
    page; nothing happens at either end of the survey."""
    survey, page = question.survey, question.page
    survey_require_draft(survey)
    before = [page.position, question.position]
    siblings = list(page.questions.order_by("position"))
    index = siblings.index(question)
    target = index - 1 if up else index + 1
    if 0 <= target < len(siblings):
        siblings[index], siblings[target] = siblings[target], siblings[index]
        positions_set(siblings)
    else:
        pages = survey.pages.filter(position__lt=page.position).order_by("-position")
        if not up:
            pages = survey.pages.filter(position__gt=page.position).order_by("position")
        new_page = pages.first()
        if new_page is None:
            return
        _page_change(question, new_page, first=not up)
    after = list(Question.objects.filter(pk=question.pk).values_list("page__position", "position").get())
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_QUESTION_CHANGED,
        obj=survey,
        changes={"page_and_position": [before, after]},
        note=question.code,
        request=request,
    )


def _page_change(question: Question, new_page: Page, *, first: bool) -> None:
    old_page = question.page
    question.page = new_page
    question.position = 30000  # out of the way until the page is renumbered
    question.save(update_fields=["page", "position"])
    others = list(new_page.questions.exclude(pk=question.pk).order_by("position"))
    positions_set([question, *others] if first else [*others, question])
    positions_set(list(old_page.questions.order_by("position")))
