"""What the ways into a survey (``taking``) and its pages (``taking_pages``) both show: the survey by its public
id, the page of a survey not taking answers, and the "I have a code" form."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from core.i18n import pick
from surveys.models import Survey, SurveyStatus

CODE_USED = _("This code has already been used to answer the survey. Each code can be used once.")


def published_survey(public_id: str) -> Survey:
    """The published survey ``public_id`` (404 for an unknown or unpublished one)."""
    return get_object_or_404(Survey.objects.select_related("district"), public_id=public_id, published_at__isnull=False)


def status_page(request, survey: Survey):
    """The page for a survey that is not taking answers (not yet open or closed)."""
    context = {"survey": survey, "title": pick(survey, "title"), "status": survey.status, "SurveyStatus": SurveyStatus}
    return render(request, "surveys/take/not_open.html", context)


def code_page(request, form, *, error=None, limited=False, status=200):
    """The "I have a code" form; ``error`` goes next to the field of a bound form."""
    if error and form.is_bound:
        form.is_valid()
        form.add_error("code", error)
        error = None
    context = {"form": form, "error": error, "limited": limited}
    return render(request, "surveys/take/code.html", context, status=status)
