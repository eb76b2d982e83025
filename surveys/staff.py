"""The surveys part of the staff site: building, reaching people, results.
Each part keeps its URL patterns in ``surveys/staff_urls/``."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts.rules import may_use_surveys
from surveys.staff_urls import builder, reach, results
from surveys.views.staff_index import SurveyIndexView


class SurveysApplication(Application):
    """Every view decides itself (404 out of scope), as in
    ``accounts.staff.CoordinatorApplication``; the permission only hides the
    menu entry from roles that never use surveys."""

    title = _("Surveys")
    app_name = "surveys"
    permission = staticmethod(may_use_surveys)
    index_path = path("", SurveyIndexView.as_view(), name="index")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.urlpatterns = [*builder.urlpatterns, *reach.urlpatterns, *results.urlpatterns]

    def _get_resolver_extra(self):
        return {"viewset": self, "surveys_app": self}
