"""The survey builder: create a survey, its settings, its pages, publishing,
new versions. Questions are in ``builder_questions``, previews in
``builder_preview``."""

import copy

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.rules import coordinated_districts
from surveys.forms_builder import PageIntroForm, SurveySettingsForm
from surveys.models import RespondentGroup
from surveys.services import authoring, authoring_publish
from surveys.views.builder_base import BuilderMixin, build_url


class SurveyCreateView(FormView):
    template_name = "surveys/staff/build/settings.html"

    def dispatch(self, request, *args, **kwargs):
        self.districts = coordinated_districts(request.user)  # 404 for anyone but a coordinator
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        return SurveySettingsForm(**self.get_form_kwargs(), districts=self.districts)

    def form_valid(self, form):
        data = form.settings_data()
        survey = authoring.survey_create(
            actor=self.request.user, district=data.pop("district"), data=data, request=self.request
        )
        messages.success(self.request, _("Survey created. Now add its questions."))
        return redirect(build_url(survey))


class SurveyBuildView(BuilderMixin, TemplateView):
    """The survey at a glance: settings, pages with their questions, what
    still stops publishing, and every action."""

    template_name = "surveys/staff/build/survey.html"
    draft_only = False

    def get_context_data(self, **kwargs):
        pages = authoring_publish.pages_for_gaps(self.survey)
        return super().get_context_data(
            pages=pages,
            schools=list(self.survey.schools.all()),
            gaps=[] if self.survey.is_frozen else authoring_publish.survey_gaps(self.survey, pages),
            newer=self.survey.is_frozen and hasattr(self.survey, "next_version"),
            group_labels=[RespondentGroup(g).label for g in self.survey.groups if g in RespondentGroup.values],
            **kwargs,
        )


class SurveySettingsView(BuilderMixin, FormView):
    template_name = "surveys/staff/build/settings.html"
    draft_only = False  # the running settings stay editable (authoring's module docstring)

    def get_form(self, form_class=None):
        # A copy, so a refused form never alters the survey the page shows.
        kwargs = {**self.get_form_kwargs(), "instance": copy.copy(self.survey)}
        return SurveySettingsForm(**kwargs, districts=None)

    def form_valid(self, form):
        authoring.survey_update(
            actor=self.request.user, survey=self.survey, data=form.settings_data(), request=self.request
        )
        messages.success(self.request, _("Settings saved."))
        return redirect(build_url(self.survey))


class PageAddView(BuilderMixin, View):
    def post(self, request, *args, **kwargs):
        page = authoring.page_add(actor=request.user, survey=self.survey, request=request)
        messages.success(request, _("Page %(n)s added.") % {"n": page.position})
        return redirect(f"{build_url(self.survey)}#page-{page.pk}")


class PageEditView(BuilderMixin, FormView):
    template_name = "surveys/staff/build/page_form.html"
    form_class = PageIntroForm

    def load_objects(self):
        self.page = self.get_page(self.kwargs["page_id"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": copy.copy(self.page)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(page=self.page, **kwargs)

    def form_valid(self, form):
        authoring.page_update(actor=self.request.user, page=self.page, data=form.cleaned_data, request=self.request)
        messages.success(self.request, _("Page %(n)s saved.") % {"n": self.page.position})
        return redirect(f"{build_url(self.survey)}#page-{self.page.pk}")


class PageDeleteView(BuilderMixin, TemplateView):
    """Asks first; a page with questions is removed only when confirmed."""

    template_name = "surveys/staff/build/page_delete.html"

    def load_objects(self):
        self.page = self.get_page(self.kwargs["page_id"])

    def get_context_data(self, **kwargs):
        codes = list(self.page.questions.values_list("code", flat=True))
        return super().get_context_data(page=self.page, codes=codes, **kwargs)

    def post(self, request, *args, **kwargs):
        confirm = request.POST.get("confirm") == "yes"
        authoring.page_remove(actor=request.user, page=self.page, confirm=confirm, request=request)
        messages.success(request, _("Page removed."))
        return redirect(build_url(self.survey))


class PageMoveView(BuilderMixin, View):
    def load_objects(self):
        self.page = self.get_page(self.kwargs["page_id"])

    def post(self, request, *args, **kwargs):
        authoring.page_move(actor=request.user, page=self.page, up=self.kwargs["direction"] == "up", request=request)
        return redirect(f"{build_url(self.survey)}#page-{self.page.pk}")


class PublishView(BuilderMixin, TemplateView):
    """The list of gaps, and the button once there are none."""

    template_name = "surveys/staff/build/publish.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("gaps", authoring_publish.survey_gaps(self.survey))
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        try:
            authoring_publish.survey_publish(actor=request.user, survey=self.survey, request=request)
        except authoring_publish.PublishRefused as refused:
            return self.render_to_response(self.get_context_data(gaps=refused.gaps, refused=True))
        messages.success(request, _("Published. The survey can no longer be edited; make a new version to change it."))
        return redirect(build_url(self.survey))


class NewVersionView(BuilderMixin, View):
    draft_only = False

    def post(self, request, *args, **kwargs):
        new = authoring_publish.survey_new_version(actor=request.user, survey=self.survey, request=request)
        messages.success(
            request, _("Version %(n)s is a draft copy: edit it, set its dates and publish it.") % {"n": new.version}
        )
        return redirect(reverse("staff:surveys:build_settings", args=[new.pk]))
