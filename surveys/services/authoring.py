"""Building a survey: its settings and its pages. Questions are in
``authoring_questions``, publishing and new versions in ``authoring_publish``.

A published survey is frozen: its wording (titles, texts, pages, questions)
never changes, so results never mix two wordings; changing it means a new
version. What does not touch the wording stays editable after publishing:
dates, schools, respondent groups and the estimated minutes. The anonymity
mode and the opening date are locked once the survey has opened.
Every change is audited in its own transaction.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import District
from core.audit import AuditKind, audit_record, changes_between, instance_values
from surveys.models import Page, Survey

# Texts asked in both languages; frozen once published.
WORDING_FIELDS = ("purpose", "title_en", "title_es", "intro_en", "intro_es", "thanks_en", "thanks_es")
# How and when the survey runs; editable after publishing (see LOCKED_ONCE_OPEN).
RUNNING_FIELDS = ("groups", "opens_on", "closes_on", "anonymity", "estimated_minutes")
LOCKED_ONCE_OPEN = ("opens_on", "anonymity")
SETTINGS_FIELDS = WORDING_FIELDS + RUNNING_FIELDS
PAGE_FIELDS = ("intro_en", "intro_es")


class BuilderError(Exception):
    """A change the builder refuses; ``message`` says why, in the user's language."""

    message = _("This change is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class SurveyFrozen(BuilderError):
    message = _("This survey is published, so its wording can no longer change. Make a new version to change it.")


class AnonymityLocked(BuilderError):
    message = _("The survey has opened, so its anonymity mode and opening date can no longer change.")


class DatesReversed(BuilderError):
    message = _("The survey cannot close before it opens.")


class PageNotEmpty(BuilderError):
    message = _("This page still has questions. Confirm to remove it with its questions.")


def survey_require_draft(survey: Survey) -> None:
    """Raises ``SurveyFrozen`` when ``survey`` is published."""
    if survey.is_frozen:
        raise SurveyFrozen


def _snapshot(survey: Survey) -> dict:
    values = instance_values(survey, SETTINGS_FIELDS)
    values["schools"] = sorted(survey.schools.values_list("pk", flat=True)) if survey.pk else []
    return values


def _check_dates(survey: Survey) -> None:
    if survey.opens_on and survey.closes_on and survey.closes_on < survey.opens_on:
        raise DatesReversed


def _check_schools(survey: Survey, schools) -> None:
    if any(school.district_id != survey.district_id for school in schools or []):
        raise BuilderError(_("A survey runs only in schools of its own district."))


def _check_locks(survey: Survey, changes: dict) -> None:
    if survey.is_frozen and set(changes) & set(WORDING_FIELDS):
        raise SurveyFrozen
    if survey.has_opened and set(changes) & set(LOCKED_ONCE_OPEN):
        raise AnonymityLocked


def previous_version_close(*, actor, survey: Survey, request=None) -> None:
    """When published ``survey`` is a new version, its previous version stops
    taking answers the day before it opens (its closing date moved earlier
    when it would overlap, audited), so no day takes answers for both."""
    previous = survey.previous_version
    if previous is None or not survey.opens_on:
        return
    last_day = survey.opens_on - datetime.timedelta(days=1)
    if previous.closes_on is not None and previous.closes_on <= last_day:
        return
    changes = changes_between({"closes_on": previous.closes_on}, {"closes_on": last_day})
    previous.closes_on = last_day
    previous.save(update_fields=["closes_on", "updated_at"])
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_CHANGED,
        obj=previous,
        changes=changes | {"next_version": [None, survey.pk]},
        request=request,
    )


def _check_previous(survey: Survey) -> None:
    previous = survey.previous_version
    if previous and survey.opens_on and previous.opens_on and survey.opens_on <= previous.opens_on:
        raise BuilderError(_("This version must open after the previous version opened."))


@transaction.atomic
def survey_create(*, actor, district: District, data: dict, request=None) -> Survey:
    """A new draft survey of ``district`` from cleaned settings ``data``, with
    one empty page to put questions on."""
    survey = Survey(district=district, created_by=actor, **{f: data[f] for f in SETTINGS_FIELDS if f in data})
    survey.full_clean(exclude=["schools"])
    _check_dates(survey)
    _check_schools(survey, data.get("schools"))
    survey.save()
    survey.schools.set(data.get("schools") or [])
    Page.objects.create(survey=survey, position=1)
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_CREATED,
        obj=survey,
        changes=changes_between({}, _snapshot(survey)),
        request=request,
    )
    return survey


@transaction.atomic
def survey_update(*, actor, survey: Survey, data: dict, request=None) -> Survey:
    """``survey``'s settings changed to ``data`` (fields absent from ``data``
    are kept). Raises ``SurveyFrozen`` for wording of a published survey and
    ``AnonymityLocked`` for the anonymity mode or opening date once it opened."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    before = _snapshot(survey)
    after = before | {f: data[f] for f in SETTINGS_FIELDS if f in data}
    if "schools" in data:
        after["schools"] = sorted(school.pk for school in data["schools"])
    changes = changes_between(before, after)
    _check_locks(survey, changes)
    if not changes:
        return survey
    for field in SETTINGS_FIELDS:
        if field in data:
            setattr(survey, field, data[field])
    survey.full_clean(exclude=["schools"])
    _check_dates(survey)
    _check_schools(survey, data.get("schools"))
    survey.save()
    if "schools" in data:
        survey.schools.set(data["schools"])
    audit_record(actor=actor, kind=AuditKind.SURVEY_CHANGED, obj=survey, changes=changes, request=request)
    if survey.is_frozen and "opens_on" in changes:
        # A published new version moved earlier: keep the two versions apart.
        _check_previous(survey)
        previous_version_close(actor=actor, survey=survey, request=request)
    return survey


def positions_set(objects: list) -> None:
    """Saves ``objects`` (pages, or questions of one page) at positions 1..n
    in the given order. Two passes through a free range, so the unique
    positions never collide however the database checks them."""
    if not objects:
        return
    model = type(objects[0])
    for offset in (1000, 0):
        for index, obj in enumerate(objects, start=1):
            obj.position = offset + index
        model.objects.bulk_update(objects, ["position"])


@transaction.atomic
def page_add(*, actor, survey: Survey, request=None) -> Page:
    """A new empty page at the end of the draft ``survey``."""
    survey_require_draft(survey)
    last = survey.pages.order_by("-position").values_list("position", flat=True).first() or 0
    page = Page.objects.create(survey=survey, position=last + 1)
    audit_record(
        actor=actor, kind=AuditKind.SURVEY_CHANGED, obj=survey, changes={"page": [None, page.position]}, request=request
    )
    return page


@transaction.atomic
def page_update(*, actor, page: Page, data: dict, request=None) -> Page:
    """``page``'s introduction (both languages) set from ``data``."""
    survey_require_draft(page.survey)
    before = instance_values(page, PAGE_FIELDS)
    for field in PAGE_FIELDS:
        setattr(page, field, data.get(field, ""))
    changes = changes_between(before, instance_values(page, PAGE_FIELDS))
    if changes:
        page.save(update_fields=list(PAGE_FIELDS))
        audit_record(
            actor=actor,
            kind=AuditKind.SURVEY_CHANGED,
            obj=page.survey,
            changes={"page": [page.position, page.position], **changes},
            request=request,
        )
    return page


@transaction.atomic
def page_remove(*, actor, page: Page, confirm: bool = False, request=None) -> None:
    """Removes ``page`` (with its questions only when ``confirm``; raises
    ``PageNotEmpty`` otherwise) and renumbers the pages after it. A survey
    keeps at least one page: removing the last one leaves an empty page."""
    survey = page.survey
    survey_require_draft(survey)
    codes = list(page.questions.values_list("code", flat=True))
    if codes and not confirm:
        raise PageNotEmpty
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_CHANGED,
        obj=survey,
        changes={"page": [page.position, None], **({"questions": [codes, []]} if codes else {})},
        request=request,
    )
    page.delete()
    remaining = list(survey.pages.order_by("position"))
    if remaining:
        positions_set(remaining)
    else:
        Page.objects.create(survey=survey, position=1)


@transaction.atomic
def page_move(*, actor, page: Page, up: bool, request=None) -> None:
    """Swaps ``page`` with the page before it (``up``) or after it; nothing
    happens at either end."""
    survey = page.survey
    survey_require_draft(survey)
    pages = list(survey.pages.order_by("position"))
    index = next(i for i, p in enumerate(pages) if p.pk == page.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(pages):
        return
    pages[index], pages[other] = pages[other], pages[index]
    positions_set(pages)
    audit_record(
        actor=actor,
        kind=AuditKind.SURVEY_CHANGED,
        obj=survey,
        changes={"page": [index + 1, other + 1]},
        request=request,
    )
