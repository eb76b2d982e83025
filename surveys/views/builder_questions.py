"""Questions in the builder: the item bank, the coordinator's own
questions, editing, removing and moving them."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from surveys.forms_builder import BankFilter, QuestionForm
from surveys.services import authoring_questions
from surveys.views.builder_base import BuilderMixin, build_url

BANK_PAGE_SIZE = 25


def _question_url(survey, question) -> str:
    return f"{build_url(survey)}#question-{question.pk}"


class BankView(BuilderMixin, TemplateView):
    """The shared bank and the district's own items, filtered and paginated;
    each row adds a copy of its item to the chosen page."""

    template_name = "surveys/staff/build/bank.html"

    def _target_page(self, value, pages=None):
        """The page chosen in ``to``, else the last page."""
        pages = pages if pages is not None else list(self.survey.pages.order_by("position"))
        chosen = [page for page in pages if str(page.pk) == str(value)]
        return (chosen or pages)[-1]

    def get_context_data(self, **kwargs):
        items = authoring_questions.bank_items_for(self.survey).order_by("domain", "topic", "code")
        bank = BankFilter(self.request.GET or None, queryset=items)
        page_obj = Paginator(bank.qs, BANK_PAGE_SIZE).get_page(self.request.GET.get("page"))
        pages = list(self.survey.pages.order_by("position"))
        return super().get_context_data(
            filter=bank,
            page_obj=page_obj,
            pages=pages,
            target=self._target_page(self.request.GET.get("to"), pages),
            used=set(self.survey.questions.order_by().values_list("code", flat=True)),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        item_id = request.POST.get("item", "")
        item = authoring_questions.bank_items_for(self.survey).filter(pk=item_id if item_id.isdigit() else None)
        item = item.first()
        if item is None:
            messages.error(request, _("Choose an item of the bank to add."))
            return redirect(request.path)
        target = self._target_page(request.POST.get("to"))
        target.survey = self.survey
        question = authoring_questions.question_add_from_item(
            actor=request.user, survey=self.survey, item=item, page=target, request=request
        )
        messages.success(request, _("Added %(code)s to page %(n)s.") % {"code": question.code, "n": target.position})
        # Back to the same filters and page of the list (re-encoded: only a query string).
        return redirect(f"{request.path}?{QueryDict(request.POST.get('back', '')).urlencode()}")


class QuestionAddView(BuilderMixin, FormView):
    template_name = "surveys/staff/build/question_form.html"

    def get_form(self, form_class=None):
        return QuestionForm(**self.get_form_kwargs(), survey=self.survey)

    def get_initial(self):
        return {"page": self.request.GET.get("to")}

    def form_valid(self, form):
        page = form.cleaned_data["page"]
        page.survey = self.survey
        question = authoring_questions.question_create(
            actor=self.request.user,
            survey=self.survey,
            page=page,
            data=form.question_data(),
            choices=form.cleaned_data["choices"],
            save_to_bank=form.cleaned_data["save_to_bank"],
            request=self.request,
        )
        messages.success(self.request, _("Question %(code)s added.") % {"code": question.code})
        return redirect(_question_url(self.survey, question))


class QuestionEditView(BuilderMixin, FormView):
    template_name = "surveys/staff/build/question_form.html"

    def load_objects(self):
        self.question = self.get_question(self.kwargs["question_id"])

    def get_form(self, form_class=None):
        return QuestionForm(**self.get_form_kwargs(), instance=self.question, survey=self.survey)

    def get_context_data(self, **kwargs):
        return super().get_context_data(question=self.question, **kwargs)

    def form_valid(self, form):
        question = get_object_or_404(self.survey.questions.select_related("page"), pk=self.question.pk)
        question.survey = self.survey
        authoring_questions.question_update(
            actor=self.request.user,
            question=question,
            data=form.question_data(),
            choices=form.cleaned_data["choices"],
            request=self.request,
        )
        messages.success(self.request, _("Question %(code)s saved.") % {"code": question.code})
        return redirect(_question_url(self.survey, question))


class QuestionDeleteView(BuilderMixin, TemplateView):
    template_name = "surveys/staff/build/question_delete.html"

    def load_objects(self):
        self.question = self.get_question(self.kwargs["question_id"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(question=self.question, **kwargs)

    def post(self, request, *args, **kwargs):
        authoring_questions.question_remove(actor=request.user, question=self.question, request=request)
        messages.success(request, _("Question %(code)s removed.") % {"code": self.question.code})
        return redirect(build_url(self.survey))


class QuestionMoveView(BuilderMixin, View):
    def load_objects(self):
        self.question = self.get_question(self.kwargs["question_id"])

    def post(self, request, *args, **kwargs):
        authoring_questions.question_move(
            actor=request.user, question=self.question, up=self.kwargs["direction"] == "up", request=request
        )
        return redirect(_question_url(self.survey, self.question))
