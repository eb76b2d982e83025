"""Public URL patterns of the `training` part under /dashboard/ (names `assessment:<name>`)."""

from django.urls import path

from assessment.views.training_public import PublicTrainingCsvView, PublicTrainingView

urlpatterns: list = [
    path("training/", PublicTrainingView.as_view(), name="training"),
    path("training/training.csv", PublicTrainingCsvView.as_view(), name="training_csv"),
]
