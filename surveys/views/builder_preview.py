"""Preview of a survey in English or Spanish: every page as respondents see
it, built with the taking pages' own form (``surveys.forms.PageForm``).
Nothing is saved and the forms have no submit button."""

from django.db.models import Prefetch
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.views.generic import TemplateView

from core.i18n import LANGUAGES, pick
from surveys.forms import PageForm
from surveys.models import Question
from surveys.views.builder_base import BuilderMixin


class PreviewView(BuilderMixin, TemplateView):
    template_name = "surveys/staff/build/preview.html"
    draft_only = False

    def get_context_data(self, **kwargs):
        language = self.kwargs["lang"]
        if language not in LANGUAGES:
            raise Http404
        questions = Question.objects.order_by("position").prefetch_related("choices")
        pages = self.survey.pages.order_by("position").prefetch_related(Prefetch("questions", questions))
        with translation.override(language):
            forms = [
                (page, pick(page, "intro"), PageForm(questions=list(page.questions.all()), prefix=f"p{page.pk}"))
                for page in pages
            ]
            body = render_to_string(
                "surveys/staff/build/preview_body.html",
                {
                    "title": pick(self.survey, "title"),
                    "intro": pick(self.survey, "intro"),
                    "thanks": pick(self.survey, "thanks"),
                    "forms": forms,
                    "total": len(forms),
                    "minutes": self.survey.estimated_minutes,
                },
            )
        return super().get_context_data(language=language, body=body, **kwargs)
