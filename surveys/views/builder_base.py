"""What every builder page shares: only the coordinator of the survey's
district reaches it (404 for anyone else, ``accounts.rules``), and a
refused change answers with its reason on the survey's page, never a 500."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from accounts.rules import SurveyRule, get_survey_for_user
from surveys.services.authoring import BuilderError, SurveyFrozen


def build_url(survey) -> str:
    return reverse("staff:surveys:build_survey", args=[survey.pk])


class BuilderMixin:
    """Loads ``self.survey`` (404 outside the rule), then ``load_objects``.
    ``draft_only`` views send a published survey back to its page with the
    reason. A ``BuilderError`` raised while handling becomes a message."""

    draft_only = True

    def dispatch(self, request, *args, **kwargs):
        self.survey = get_survey_for_user(request.user, kwargs["pk"], SurveyRule.AUTHOR)
        if kwargs.get("direction", "up") not in ("up", "down"):
            raise Http404
        self.load_objects()
        if self.draft_only and self.survey.is_frozen:
            messages.error(request, SurveyFrozen.message)
            return redirect(build_url(self.survey))
        try:
            return super().dispatch(request, *args, **kwargs)
        except BuilderError as error:
            messages.error(request, error.message)
            return redirect(build_url(self.survey))

    def load_objects(self) -> None:
        pass

    def get_page(self, pk: int):
        page = get_object_or_404(self.survey.pages.all(), pk=pk)
        page.survey = self.survey
        return page

    def get_question(self, pk: int):
        question = get_object_or_404(self.survey.questions.select_related("page"), pk=pk)
        question.survey = question.page.survey = self.survey
        return question

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.survey, **kwargs)
