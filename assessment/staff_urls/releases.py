"""Staff URL patterns of the assessment's `releases` part (names `staff:assessment:<name>`)."""

from django.urls import path

from assessment.views.dashboard_staff import ReleaseDetailView, ReleaseListView

urlpatterns: list = [
    path("releases/", ReleaseListView.as_view(), name="releases"),
    path("releases/<int:pk>/", ReleaseDetailView.as_view(), name="release"),
]
