"""Paper mode: the printable bilingual form of a survey, and staff entry of
the paper forms that come back (stored as paper, as anonymous as any other)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from surveys.forms import PageForm
from surveys.models import Question
from surveys.services.reach import paper_response_enter
from surveys.services.responses import SurveyNotOpen
from surveys.views.reach import SurveyAuthorMixin, reach_url
from surveys.views.reach_forms import PaperMetaForm


def _questions(survey) -> list[Question]:
    return list(
        survey.questions.select_related("page").prefetch_related("choices").order_by("page__position", "position")
    )


class PaperFormView(SurveyAuthorMixin, TemplateView):
    """Every question of the survey in English and Spanish, to print."""

    template_name = "surveys/reach/paper_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(questions=_questions(self.survey), **kwargs)


class PaperEntryView(SurveyAuthorMixin, TemplateView):
    """One form with every question (``surveys.forms.PageForm``) plus where the paper came from."""

    template_name = "surveys/reach/paper_entry.html"

    def forms(self, data=None):
        questions = _questions(self.survey)
        return (
            PaperMetaForm(data, survey=self.survey, prefix="paper"),
            PageForm(data, questions=questions),
        )

    def get(self, request, *args, **kwargs):
        meta, answers = self.forms()
        return self.render_to_response(self.get_context_data(meta=meta, answers=answers))

    def post(self, request, *args, **kwargs):
        meta, answers = self.forms(request.POST)
        if meta.is_valid() and answers.is_valid():
            try:
                paper_response_enter(
                    survey=self.survey,
                    school=meta.cleaned_data["school"],
                    group=meta.cleaned_data["group"],
                    language=meta.cleaned_data["language"],
                    answers=answers.cleaned_answers(),
                    actor=request.user,
                    request=request,
                )
            except SurveyNotOpen:
                meta.add_error(None, _("This survey has not opened yet, so no paper form can be entered."))
            else:
                messages.success(request, _("The paper form was saved. You can enter the next one."))
                return redirect(reach_url("reach_paper_entry", self.survey))
        return self.render_to_response(self.get_context_data(meta=meta, answers=answers))
