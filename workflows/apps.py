from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "workflows"
    verbose_name = _("Workflows")

    def ready(self):
        from complaints.signals import complainant_replied
        from workflows import audit_names, notify  # noqa: F401  (audit_names: read by the audit log)
        from workflows.monthly.waiting import monthly_waiting
        from workflows.review import queue_entries
        from workflows.waiting import waiting_source

        complainant_replied.connect(notify.reviewers_told_of_reply, dispatch_uid="workflows-reply")
        queue_entries.connect()
        waiting_source(monthly_waiting)
