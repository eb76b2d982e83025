"""A survey's pages with their questions and choices, as the taking pages
need them on every request.

A published survey is frozen (its wording never changes; see
``surveys.services.authoring``), so its structure is read from the database
once per process and kept, for the most recent ``CACHED_SURVEYS`` surveys.
The key holds the publication time, so a survey re-published under the same
id is read again; a draft (the builder's preview) is always read fresh.
"""

from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from surveys.models import Page, Question, QuestionChoice, Survey

CACHED_SURVEYS = 64
_cache: OrderedDict[tuple, tuple[Page, ...]] = OrderedDict()
_lock = Lock()
_forget_also: list[Callable[[], None]] = []


def _read(survey: Survey) -> tuple[Page, ...]:
    return tuple(survey.pages.order_by("position").prefetch_related("questions__choices"))


def survey_structure(survey: Survey) -> tuple[Page, ...]:
    """The survey's pages in order, each with its questions and their choices
    prefetched (read-only: the objects are shared between requests)."""
    if not survey.is_frozen:
        return _read(survey)
    key = (survey.pk, survey.published_at)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    pages = _read(survey)
    with _lock:
        _cache[key] = pages
        while len(_cache) > CACHED_SURVEYS:
            _cache.popitem(last=False)
    return pages


def survey_questions(survey: Survey) -> list[Question]:
    """Every question of the survey, page by page, with its choices (as ``survey_structure``)."""
    return [question for page in survey_structure(survey) for question in page.questions.all()]


def forget_with_structure(forget: Callable[[], None]) -> None:
    """Another cache built from surveys' structure (e.g. the rendered pages) is emptied with this one."""
    _forget_also.append(forget)


def survey_structure_forget() -> None:
    """Empties the cache, and those built from it (any saved or removed page, question or choice)."""
    with _lock:
        _cache.clear()
    for forget in _forget_also:
        forget()


@receiver(post_save, sender=Page)
@receiver(post_save, sender=Question)
@receiver(post_save, sender=QuestionChoice)
@receiver(post_delete, sender=Page)
@receiver(post_delete, sender=Question)
@receiver(post_delete, sender=QuestionChoice)
def _structure_changed(**kwargs) -> None:
    survey_structure_forget()
