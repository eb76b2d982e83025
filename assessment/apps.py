from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Assessment")

    def ready(self):
        from assessment.waiting import annual_waiting
        from workflows.waiting import waiting_source

        waiting_source(annual_waiting)  # on the staff home page, beside the complaint and monthly review steps
