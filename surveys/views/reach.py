"""Staff pages for reaching people: the hub with response rates, open links
and posters, invitations by CSV, printed codes and class codes. Only the
coordinator of the survey's district (``SurveyRule.AUTHOR``) opens them;
anyone else gets 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from accounts.rules import SurveyRule, get_survey_for_user
from surveys.codes import code_display
from surveys.models import ClassCode
from surveys.services import reach
from surveys.services.invitations import invitations_create
from surveys.services.reach_optouts import opt_outs_viewed
from surveys.views.reach_forms import ClassCodeForm, CodesPrintForm, InvitationUploadForm


def reach_url(name: str, survey, **kwargs) -> str:
    return reverse(f"staff:surveys:{name}", kwargs={"pk": survey.pk, **kwargs})


class SurveyAuthorMixin:
    """Loads ``self.survey`` for its coordinator; 404 for everyone else."""

    def dispatch(self, request, *args, **kwargs):
        self.survey = get_survey_for_user(request.user, kwargs["pk"], SurveyRule.AUTHOR)
        self.load_objects()
        return super().dispatch(request, *args, **kwargs)

    def load_objects(self) -> None:
        """Loads the page's other records (404 when they are not this survey's)."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.survey, **kwargs)


class ReachableFormMixin(SurveyAuthorMixin):
    """Nothing is handed out for a draft or a closed survey: the page says so
    instead of showing its form, and a form sent anyway changes nothing."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(reachable=self.survey.status in reach.REACHABLE, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.survey.status not in reach.REACHABLE:
            return self.get(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)


class ReachIndexView(SurveyAuthorMixin, TemplateView):
    """The ways in and the response rates."""

    template_name = "surveys/reach/index.html"

    def get_context_data(self, **kwargs):
        rows, total = reach.response_rates(self.survey)
        return super().get_context_data(
            rate_rows=rows,
            rate_total=total,
            by_source=reach.responses_by_source(self.survey),
            reachable=self.survey.status in reach.REACHABLE,
            **kwargs,
        )


class OpenLinksView(SurveyAuthorMixin, TemplateView):
    template_name = "surveys/reach/links.html"

    def get_context_data(self, **kwargs):
        links = [(link, reach.qr_svg(link.url)) for link in reach.open_links(self.survey)]
        return super().get_context_data(links=links, **kwargs)


class PosterView(SurveyAuthorMixin, TemplateView):
    """A printable poster in both languages for one school's open link."""

    template_name = "surveys/reach/poster.html"

    def get_context_data(self, **kwargs):
        school = get_object_or_404(self.survey.schools, pk=self.kwargs["school_pk"])
        url = reach.absolute(reach.taking_path(survey=self.survey, school=school))
        return super().get_context_data(school=school, url=url, qr=reach.qr_svg(url), **kwargs)


class InviteView(ReachableFormMixin, FormView):
    template_name = "surveys/reach/invite.html"
    form_class = InvitationUploadForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "survey": self.survey}

    def form_valid(self, form):
        summary = invitations_create(
            survey=self.survey, rows=form.upload.rows, actor=self.request.user, request=self.request
        )
        messages.success(
            self.request,
            _(
                "%(created)d invitations sent. Left out: %(already)d already invited, %(repeated)d repeated in the "
                "file, %(opted_out)d students opted out by a parent."
            )
            % {
                "created": summary.created,
                "already": summary.already_invited,
                "repeated": form.upload.duplicates,
                "opted_out": summary.opted_out,
            },
        )
        return redirect(reach_url("reach_index", self.survey))


class CodesPrintView(ReachableFormMixin, FormView):
    """The form, then the sheet of slips: its codes are shown on this response
    only (never stored, never cached) and cannot be shown again."""

    template_name = "surveys/reach/codes.html"
    form_class = CodesPrintForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "survey": self.survey}

    def get(self, request, *args, **kwargs):
        # The page lists opted-out students by name, like the opt-out list.
        opt_outs_viewed(survey=self.survey, actor=request.user, request=request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        opt_outs = reach.opt_outs_for_survey(self.survey).select_related("school")
        page = Paginator(opt_outs, 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        opted_out = list(reach.opt_outs_for(survey=self.survey, school=data["school"], classroom=data["classroom"]))
        codes = reach.codes_print(
            survey=self.survey,
            school=data["school"],
            classroom=data["classroom"],
            how_many=data["how_many"],
            actor=self.request.user,
            request=self.request,
        )
        response = self.response_class(
            request=self.request,
            template="surveys/reach/code_sheet.html",
            context={
                "survey": self.survey,
                "school": data["school"],
                "classroom": data["classroom"],
                "slips": [(code_display(code), reach.absolute(reach.taking_path(code=code))) for code in codes],
                "opted_out": opted_out,
            },
        )
        add_never_cache_headers(response)
        return response


class ClassCodesView(ReachableFormMixin, FormView):
    """The survey's class codes, and a form to make one."""

    template_name = "surveys/reach/class_codes.html"
    form_class = ClassCodeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "survey": self.survey}

    def get_context_data(self, **kwargs):
        codes = self.survey.class_codes.select_related("school").order_by("-is_active", "school__name", "label", "pk")
        page = Paginator(codes, 25).get_page(self.request.GET.get("page"))
        return super().get_context_data(page=page, **kwargs)

    def form_valid(self, form):
        class_code = reach.class_code_create(
            survey=self.survey,
            school=form.cleaned_data["school"],
            label=form.cleaned_data["label"],
            actor=self.request.user,
            request=self.request,
        )
        return redirect(reach_url("reach_class_board", self.survey, code_pk=class_code.pk))


class ClassCodeMixin(SurveyAuthorMixin):
    def load_objects(self) -> None:
        self.class_code = get_object_or_404(
            ClassCode.objects.select_related("school"), pk=self.kwargs["code_pk"], survey=self.survey
        )


class ClassBoardView(ClassCodeMixin, TemplateView):
    """The class code as large as the board allows, its short link and a QR code."""

    template_name = "surveys/reach/class_board.html"

    def get_context_data(self, **kwargs):
        url = reach.absolute(reach.taking_path(code=self.class_code.code))
        return super().get_context_data(class_code=self.class_code, url=url, qr=reach.qr_svg(url), **kwargs)


class ClassCodeDeactivateView(ClassCodeMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        reach.class_code_deactivate(class_code=self.class_code, actor=request.user, request=request)
        messages.success(
            request, _("The class code %(code)s no longer opens the survey.") % {"code": self.class_code.code}
        )
        return redirect(reach_url("reach_class_codes", self.survey))
