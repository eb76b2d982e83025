"""Public URL patterns of the `training` part under /dashboard/ (names `assessment:<name>`)."""

from django.urls import path

from assessment.views.training_public import PublicTrainingView

urlpatterns: list = [path("training/", PublicTrainingView.as_view(), name="training")]
