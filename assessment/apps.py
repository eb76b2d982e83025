from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        from assessment.figures.surveys import published_results
        from assessment.waiting import annual_waiting
        from surveys.published import published_source
        from workflows.waiting import waiting_source

        waiting_source(annual_waiting)  # on the staff home page, beside the complaint and monthly review steps
        published_source(published_results)  # the survey results page, against what the dashboard published
