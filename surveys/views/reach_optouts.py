"""Parents' opt-outs (PPRA): the public form of a district, and the staff list."""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.models import District
from core.ratelimit import client_over_limit
from surveys.services.reach import opt_outs_for_survey
from surveys.services.reach_optouts import opt_out_record, opt_outs_viewed
from surveys.views.reach import SurveyAuthorMixin
from surveys.views.reach_forms import OptOutFilter, OptOutForm

# A parent sends one form per child; a school office helping families may send a few dozen.
OPT_OUTS_PER_HOUR = 20


class DistrictMixin:
    def dispatch(self, request, *args, **kwargs):
        self.district = get_object_or_404(District, slug=kwargs["district_slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(district=self.district, **kwargs)


class OptOutView(DistrictMixin, FormView):
    """The public form (no account needed). A bot filling the hidden field is
    shown the confirmation and nothing is stored."""

    template_name = "surveys/reach/opt_out.html"
    form_class = OptOutForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "district": self.district}

    def post(self, request, *args, **kwargs):
        if client_over_limit(request, "survey-opt-out", OPT_OUTS_PER_HOUR):
            form = self.get_form()
            form.add_error(None, _("Too many forms were sent from this connection. Please try again in an hour."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not form.cleaned_data.get("website"):
            opt_out_record(district=self.district, data=form.cleaned_data, request=self.request)
        return redirect(reverse("surveys:reach_opt_out_done", kwargs={"district_slug": self.district.slug}))


class OptOutDoneView(DistrictMixin, TemplateView):
    template_name = "surveys/reach/opt_out_done.html"


class OptOutListView(SurveyAuthorMixin, TemplateView):
    """The students whose parents opted them out of this survey, by school; audited."""

    template_name = "surveys/reach/opt_outs.html"

    def get_context_data(self, **kwargs):
        filterset = OptOutFilter(
            self.request.GET or None,
            queryset=opt_outs_for_survey(self.survey).select_related("school", "survey"),
            survey=self.survey,
        )
        page = Paginator(filterset.qs, 50).get_page(self.request.GET.get("page"))
        school = filterset.form.cleaned_data.get("school") if filterset.is_bound and filterset.is_valid() else None
        opt_outs_viewed(survey=self.survey, actor=self.request.user, request=self.request, school=school)
        opt_out_url = settings.SITE_URL + reverse(
            "surveys:reach_opt_out", kwargs={"district_slug": self.survey.district.slug}
        )
        return super().get_context_data(filter=filterset, page=page, opt_out_url=opt_out_url, **kwargs)
