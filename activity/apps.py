from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivityConfig(AppConfig):
    name = "activity"
    verbose_name = _("SRO activity")

    def ready(self):
        from activity import signals  # noqa: F401  (seeds each new district's offence list)
