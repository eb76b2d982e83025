"""The monthly review's part of the staff site (/staff/monthly/, names ``staff:monthly:...``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts.rules import may_use_monthly
from workflows.monthly import deadlines, flag_views, views


class MonthlyApplication(Application):
    """Every view decides itself (404 out of scope); the permission only hides the menu entry."""

    title = _("Monthly reviews")
    app_name = "monthly"
    permission = staticmethod(may_use_monthly)
    index_path = path("", views.ReviewListView.as_view(), name="index")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.urlpatterns = [
            path("<int:pk>/", views.ReviewView.as_view(), name="review"),
            path("<int:pk>/tasks/<int:task_id>/", views.TaskView.as_view(), name="task"),
            path("flags/", flag_views.FlagListView.as_view(), name="flags"),
            path("flags/export/", flag_views.FlagExportView.as_view(), name="flags_export"),
            path("deadlines/<int:district>/", deadlines.NoticeDeadlineView.as_view(), name="deadlines"),
        ]

    def _get_resolver_extra(self):
        return {"viewset": self, "monthly_app": self}
