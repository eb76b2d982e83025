"""Public pages under /dashboard/: the dashboard, training, you said we did. Each part keeps its patterns in
``assessment/public_urls/``."""

from assessment.public_urls import commitments, dashboard, training

app_name = "assessment"
urlpatterns = [*training.urlpatterns, *commitments.urlpatterns, *dashboard.urlpatterns]
