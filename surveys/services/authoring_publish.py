"""Publishing a survey and making a new version of a published one.

When a new version publishes, the old version stops taking answers the day
before the new one opens (its closing date is moved earlier when it would
overlap). Each version keeps its own questions and responses, so results
never mix two wordings; results compare versions by question code.
"""

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import AuditKind, audit_record
from surveys.models import Page, Question, QuestionChoice, Survey
from surveys.services.authoring import BuilderError, previous_version_close, survey_require_draft


class PublishRefused(BuilderError):
    """``gaps`` lists everything that must be fixed first."""

    def __init__(self, gaps: list[str]):
        self.gaps = gaps
        super().__init__(_("The survey cannot be published yet."))


def _missing_spanish(survey: Survey, pages: list[Page]) -> list[str]:
    gaps = []
    if not survey.title_es.strip():
        gaps.append(_("Spanish title is missing."))
    for field, label in (("intro", _("first page text")), ("thanks", _("thank-you text"))):
        if getattr(survey, f"{field}_en").strip() and not getattr(survey, f"{field}_es").strip():
            gaps.append(_("Spanish %(text)s is missing.") % {"text": label})
    for page in pages:
        if page.intro_en.strip() and not page.intro_es.strip():
            gaps.append(_("Page %(page)s: Spanish introduction is missing.") % {"page": page.position})
        for question in page.questions.all():
            gaps.extend(_question_gaps(question))
    return gaps


def _question_gaps(question: Question) -> list[str]:
    code = question.code
    gaps = []
    if not question.text_es.strip():
        gaps.append(_("Question %(code)s: Spanish wording is missing.") % {"code": code})
    if question.help_en.strip() and not question.help_es.strip():
        gaps.append(_("Question %(code)s: Spanish help text is missing.") % {"code": code})
    choices = list(question.choices.all())
    for choice in choices:
        if not choice.label_es.strip():
            gaps.append(
                _("Question %(code)s: Spanish label of the choice “%(choice)s” is missing.")
                % {"code": code, "choice": choice.label_en}
            )
    if question.has_choices and len(choices) < 2:
        gaps.append(_("Question %(code)s needs at least two choices.") % {"code": code})
    return gaps


def _other_gaps(survey: Survey, pages: list[Page]) -> list[str]:
    gaps = []
    if not survey.schools.exists():
        gaps.append(_("Choose at least one school."))
    if not survey.groups:
        gaps.append(_("Choose at least one respondent group."))
    if not survey.opens_on or not survey.closes_on:
        gaps.append(_("Set the opening and closing dates."))
    elif survey.closes_on < survey.opens_on:
        gaps.append(_("The closing date is before the opening date."))
    elif survey.closes_on < timezone.localdate():
        gaps.append(_("The closing date has passed."))
    previous = survey.previous_version
    if previous and survey.opens_on and previous.opens_on and survey.opens_on <= previous.opens_on:
        gaps.append(_("This version must open after the previous version opened."))
    if not any(page.questions.all() for page in pages):
        gaps.append(_("Add at least one question."))
    for page in pages:
        if not page.questions.all():
            gaps.append(_("Page %(page)s has no questions: add some or remove it.") % {"page": page.position})
    return gaps


def pages_for_gaps(survey: Survey) -> list[Page]:
    """``survey``'s pages in order, with their questions and choices (what
    ``survey_gaps`` reads), in three queries."""
    questions = Question.objects.order_by("position").prefetch_related("choices")
    return list(survey.pages.order_by("position").prefetch_related(Prefetch("questions", questions)))


def survey_gaps(survey: Survey, pages: list[Page] | None = None) -> list[str]:
    """Everything that stops ``survey`` from being published, as sentences in
    the user's language: every missing Spanish text, then the other gaps.
    Empty when it may be published. ``pages``: from ``pages_for_gaps``, when
    the caller has them already."""
    pages = pages if pages is not None else pages_for_gaps(survey)
    return _missing_spanish(survey, pages) + _other_gaps(survey, pages)


@transaction.atomic
def survey_publish(*, actor, survey: Survey, request=None) -> Survey:
    """Publishes ``survey`` (which freezes it) or raises ``PublishRefused``
    with every gap. A previous version still running closes the day before
    this one opens."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    survey_require_draft(survey)
    gaps = survey_gaps(survey)
    if gaps:
        raise PublishRefused(gaps)
    survey.published_at = timezone.now()
    survey.published_by = actor
    survey.save(update_fields=["published_at", "published_by", "updated_at"])
    audit_record(actor=actor, kind=AuditKind.SURVEY_PUBLISHED, obj=survey, request=request)
    previous_version_close(actor=actor, survey=survey, request=request)
    return survey


def _clone_questions(old: Survey, new: Survey) -> None:
    for page in old.pages.order_by("position").prefetch_related("questions__choices"):
        new_page = Page.objects.create(
            survey=new, position=page.position, intro_en=page.intro_en, intro_es=page.intro_es
        )
        for question in page.questions.all():
            choices = list(question.choices.all())
            question.pk, question.id, question.survey, question.page = None, None, new, new_page
            question._state.adding = True
            question.save()
            for choice in choices:
                choice.pk, choice.id, choice.question = None, None, question
                choice._state.adding = True
            QuestionChoice.objects.bulk_create(choices)


@transaction.atomic
def survey_new_version(*, actor, survey: Survey, request=None) -> Survey:
    """A draft copy of published ``survey`` (settings, pages, questions,
    choices) as version + 1, its dates left empty to be set anew. Raises
    ``BuilderError`` when a newer version already exists."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not survey.is_frozen:
        raise BuilderError(_("Only a published survey gets a new version; this draft can still be edited."))
    if Survey.objects.filter(previous_version=survey).exists():
        raise BuilderError(_("This survey already has a newer version."))
    schools = list(survey.schools.all())
    new = Survey.objects.create(
        district=survey.district,
        purpose=survey.purpose,
        **{f: getattr(survey, f) for f in ("title_en", "title_es", "intro_en", "intro_es", "thanks_en", "thanks_es")},
        groups=list(survey.groups),
        anonymity=survey.anonymity,
        estimated_minutes=survey.estimated_minutes,
        version=survey.version + 1,
        previous_version=survey,
        created_by=actor,
    )
    new.schools.set(schools)
    _clone_questions(survey, new)
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_VERSIONED,
        obj=new,
        changes={"version": [survey.version, new.version], "previous_version": [None, survey.pk]},
        request=request,
    )
    return new
