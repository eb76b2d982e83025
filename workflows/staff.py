"""The coordinator's parts of the staff site: the audit log and the school calendar."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.staff import CoordinatorApplication
from workflows.retention import views as retention
from workflows.views import audit, calendar


class AuditLogApplication(CoordinatorApplication):
    title = _("Audit log")
    app_name = "audit"

    index_path = path("", audit.AuditLogView.as_view(), name="index")
    export_path = path("export.csv", audit.AuditExportView.as_view(), name="export")


class CalendarApplication(CoordinatorApplication):
    title = _("School calendar")
    app_name = "calendar"

    index_path = path("", calendar.CalendarIndexView.as_view(), name="index")
    district_path = path("<int:district>/", calendar.DistrictCalendarView.as_view(), name="district")
    add_path = path("<int:district>/closures/add/", calendar.ClosureCreateView.as_view(), name="closure_add")
    edit_path = path("closures/<int:pk>/", calendar.ClosureUpdateView.as_view(), name="closure_edit")
    delete_path = path("closures/<int:pk>/delete/", calendar.ClosureDeleteView.as_view(), name="closure_delete")
    deadlines_path = path("<int:district>/deadlines/", calendar.DeadlinePolicyView.as_view(), name="deadlines")


class RetentionApplication(CoordinatorApplication):
    title = _("Retention")
    app_name = "retention"

    index_path = path("", retention.RetentionIndexView.as_view(), name="index")
    district_path = path("<int:district>/", retention.RetentionDistrictView.as_view(), name="district")
    lift_path = path("holds/<int:pk>/lift/", retention.LegalHoldLiftView.as_view(), name="lift")
