"""The SRO activity part of the staff site (/staff/activity/, names ``staff:activity:...``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts.rules import may_use_activity
from activity.views import imports, log, outreach, records, reports


class ActivityApplication(Application):
    """Every view decides itself (404 out of scope); the permission only hides the menu entry."""

    title = _("SRO activity")
    app_name = "activity"
    permission = staticmethod(may_use_activity)
    index_path = path("", records.EventListView.as_view(), name="index")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.urlpatterns = [
            path("events/<int:pk>/", records.EventDetailView.as_view(), name="event"),
            path("events/export/", records.EventExportView.as_view(), name="export"),
            path("outreach/", outreach.OutreachListView.as_view(), name="outreach"),
            path("log/event/", log.EventLogView.as_view(), name="event_log"),
            path("log/outreach/", log.OutreachLogView.as_view(), name="outreach_log"),
            path("reports/", reports.ReportView.as_view(), name="reports"),
            path("reports/quarterly/", reports.QuarterlyView.as_view(), name="report_quarterly"),
            path("reports/<slug:table>.csv", reports.ReportExportView.as_view(), name="report_csv"),
            path("reports/state/", reports.StateReportsView.as_view(), name="state_reports"),
            path("reports/state/<slug:shape>.csv", reports.StateReportExportView.as_view(), name="state_report_csv"),
            path("imports/", imports.ImportListView.as_view(), name="imports"),
            path("imports/<int:pk>/", imports.ImportBatchView.as_view(), name="import"),
            path("imports/<int:pk>/mapping/", imports.ImportMappingView.as_view(), name="import_mapping"),
            path("imports/<int:pk>/run/", imports.ImportRunView.as_view(), name="import_run"),
            path("imports/coverage/", imports.CoverageView.as_view(), name="import_coverage"),
        ]

    def _get_resolver_extra(self):
        return {"viewset": self, "activity_app": self}
