from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self):
        from surveys import audit_names, structure  # noqa: F401  (structure connects its cache-clearing signals)
