"""The assessment part of the staff site (/staff/assessment/, names ``staff:assessment:...``): training records,
you said we did, the annual assessment and its published releases. Each part keeps its URL patterns in
``assessment/staff_urls/``."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from viewflow.urls import Application

from accounts.rules import may_use_assessment, release_district_ids
from assessment.staff_urls import annual, commitments, releases, training


class AssessmentIndexView(TemplateView):
    template_name = "assessment/staff_index.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_use_assessment(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        # The releases' own rule: the link is offered only to those the releases pages let in.
        return super().get_context_data(may_read_releases=bool(release_district_ids(self.request.user)), **kwargs)


class AssessmentApplication(Application):
    """Every view decides itself (404 out of scope); the permission only hides the menu entry."""

    title = _("Assessment")
    app_name = "assessment"
    permission = staticmethod(may_use_assessment)
    index_path = path("", AssessmentIndexView.as_view(), name="index")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.urlpatterns = [
            *training.urlpatterns,
            *commitments.urlpatterns,
            *annual.urlpatterns,
            *releases.urlpatterns,
        ]

    def _get_resolver_extra(self):
        return {"viewset": self, "assessment_app": self}
