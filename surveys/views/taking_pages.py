"""The survey's pages, one at a time, for the draft held in this browser
(``surveys.take_session``): Back and Next keep what was typed, a language button switches
language without losing it, and the last page stores the response."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views import View

from core.i18n import current_language, pick
from core.views import PrivatePageMixin
from surveys.codes import code_display
from surveys.forms import PageForm, field_name
from surveys.models import ResponseDraft, Source, Survey
from surveys.services.taking import (
    InvitationAlreadyUsed,
    SurveyNotOpen,
    draft_answers_merged,
    draft_discard,
    draft_finish,
    draft_page_save,
    missing_required_position,
    survey_pages,
)
from surveys.take_forms import CodeForm
from surveys.take_render import page_questions_html
from surveys.take_session import (
    take_session_close,
    take_session_draft,
    take_session_finished,
    take_session_resume_code,
)
from surveys.views.taking_common import CODE_USED, code_page, published_survey, status_page

NO_DRAFT = _("Your answers were not found in this browser. Enter your resume code to continue.")
REQUIRED_LEFT = _("Please answer the required questions on this page before sending.")
SWITCH_LABELS = {"en": "English", "es": "Español"}


def _typed(form: PageForm) -> dict:
    """The answers on ``form`` that are valid as typed (a field with an error
    keeps its earlier answer), keyed by question id."""
    form.is_valid()
    return {q.pk: form.cleaned_data[field_name(q)] for q in form.questions if field_name(q) in form.cleaned_data}


class TakePageView(PrivatePageMixin, View):
    """The current page of this browser's survey in progress."""

    template_name = "surveys/take/page.html"

    def _refusal(self):
        """Loads this browser's draft; the page to show instead when there is none to continue."""
        self.draft = take_session_draft(self.request)
        if self.draft is None and (finished := _finished_survey(self.request)):
            return thanks_page(self.request, finished)  # a refresh of the thank-you page
        if self.draft is None:
            messages.info(self.request, NO_DRAFT)
            return redirect("surveys:take_resume")
        if not self.draft.survey.is_open:
            return status_page(self.request, self.draft.survey)
        self.pages = survey_pages(self.draft.survey)
        self.resume_code = take_session_resume_code(self.request)
        return None

    def _number(self, raw) -> int:
        try:
            number = int(raw)
        except (TypeError, ValueError):
            number = self.draft.page_position
        return min(max(number, 1), len(self.pages))

    def _form(self, number: int, data=None) -> PageForm:
        questions = list(self.pages[number - 1].questions.all()) if self.pages else []
        return PageForm(data, questions=questions, answers=self.draft.answers)

    def get(self, request):
        if refusal := self._refusal():
            return refusal
        number = self._number(self.draft.page_position)
        return self._render(number, self._form(number))

    def post(self, request):
        if refusal := self._refusal():
            return refusal
        number = self._number(request.POST.get("page"))
        form = self._form(number, request.POST)
        language = request.POST.get("language", "")
        if language:
            draft_page_save(draft=self.draft, answers=_typed(form), position=number, language=current_language())
            return self._switch_language(language)
        if "back" in request.POST:
            return self._turn(answers=_typed(form), target=number - 1)
        if not form.is_valid():
            return self._render(number, form)
        if number >= len(self.pages):
            # Saved with the response, or with the draft if a required answer is missing.
            self.draft.answers = draft_answers_merged(self.draft, form.cleaned_answers())
            return self._finish()
        return self._turn(answers=form.cleaned_answers(), target=number + 1)

    def _turn(self, *, answers: dict, target: int):
        """Saves the page and answers with page ``target`` itself: one request per
        page turn. The page's address shows the same page on GET, and sending the
        same page again (a refresh) saves the same answers and shows the same page."""
        draft_page_save(draft=self.draft, answers=answers, position=target, language=current_language())
        number = self._number(target)
        return self._render(number, self._form(number))

    def _switch_language(self, language: str):
        response = redirect("surveys:take_page")
        if translation.check_for_language(language) and language in dict(settings.LANGUAGES):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response

    def _finish(self):
        draft: ResponseDraft = self.draft
        missing = missing_required_position(draft, self.pages)
        if missing is not None:
            draft_page_save(draft=draft, answers={}, position=missing, language=current_language())
            messages.error(self.request, REQUIRED_LEFT)
            return redirect("surveys:take_page")
        survey, source = draft.survey, draft.source
        try:
            draft_finish(draft=draft, language=current_language())
        except SurveyNotOpen:
            return status_page(self.request, survey)
        except InvitationAlreadyUsed:  # finished meanwhile on another device
            draft_discard(draft=draft)
            return take_session_close(self.request, code_page(self.request, CodeForm(), error=CODE_USED), source=source)
        if source == Source.CLASS:  # the device's session is cleared: its next student starts at the code form
            thanks = redirect("surveys:take_thanks", public_id=survey.public_id)
            return take_session_close(self.request, thanks, source=source)
        # The thank-you page itself, not a redirect and a GET: one request for the last page turn too.
        thanks = thanks_page(self.request, survey)
        return take_session_close(self.request, thanks, source=source, finished=survey.public_id)

    def _render(self, number: int, form: PageForm):
        survey, page = self.draft.survey, self.pages[number - 1] if self.pages else None
        language = current_language()
        other = [code for code, _name in settings.LANGUAGES if code != language]
        context = {
            "survey": survey,
            "title": pick(survey, "title"),
            "page": page,
            "page_intro": pick(page, "intro") if page else "",
            "number": number,
            "count": len(self.pages),
            "is_last": number >= len(self.pages),
            "form": form,
            "questions_html": page and page_questions_html(survey=survey, page=page, form=form, language=language),
            "resume_code": code_display(self.resume_code),
            "switch_to": [(code, SWITCH_LABELS.get(code, code)) for code in other],
        }
        return render(self.request, self.template_name, context)


def page_response(request, *, draft: ResponseDraft, resume_code: str):
    """The page ``draft`` has reached, as the answer to Start (instead of a redirect and a GET)."""
    view = TakePageView()
    view.setup(request)
    view.draft, view.pages, view.resume_code = draft, survey_pages(draft.survey), resume_code
    number = view._number(draft.page_position)
    return view._render(number, view._form(number))


def thanks_page(request, survey):
    """The survey's thank-you text. Knows nothing about who finished."""
    context = {"survey": survey, "title": pick(survey, "title"), "thanks": pick(survey, "thanks")}
    return render(request, "surveys/take/thanks.html", context)


def _finished_survey(request):
    public_id = take_session_finished(request)
    return Survey.objects.filter(public_id=public_id, published_at__isnull=False).first() if public_id else None


class ThanksView(PrivatePageMixin, View):
    """The survey's thank-you page at its own address (class-code devices are sent here)."""

    def get(self, request, public_id):
        return thanks_page(request, published_survey(public_id))
