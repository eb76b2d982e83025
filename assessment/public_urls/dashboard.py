"""Public URL patterns of the dashboard itself under /dashboard/ (names ``assessment:<name>``)."""

from django.urls import path

from assessment.views.dashboard import ChangesView, DashboardView, MethodologyView, TableCsvView
from assessment.views.dashboard_report import ReportPdfView

urlpatterns: list = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("methodology/", MethodologyView.as_view(), name="dashboard_methodology"),
    path("releases/<int:pk>/changes/", ChangesView.as_view(), name="dashboard_changes"),
    path("releases/<int:pk>/data/<slug:key>.csv", TableCsvView.as_view(), name="dashboard_csv"),
    path("releases/<int:pk>/report-<str:language>.pdf", ReportPdfView.as_view(), name="dashboard_report"),
]
