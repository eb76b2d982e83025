from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Core")

    def ready(self):
        from django_tasks.signals import task_finished

        from core import lookups  # noqa: F401 - values no column can hold match nothing instead of failing
        from core.jobs.periodic import on_task_finished

        # Periodic jobs queue their next run when one ends, whichever worker ran it.
        task_finished.connect(on_task_finished, dispatch_uid="core.jobs.periodic")
