"""Staff URL patterns of the assessment's `training` part (names `staff:assessment:<name>`)."""

from django.urls import path

from assessment.views import training

urlpatterns: list = [
    path("training/", training.EventListView.as_view(), name="training"),
    path("training/add/", training.EventAddView.as_view(), name="training_add"),
    path("training/<int:pk>/", training.EventDetailView.as_view(), name="training_event"),
    path("training/<int:pk>/edit/", training.EventEditView.as_view(), name="training_edit"),
    path("training/requirements/", training.RequirementsView.as_view(), name="training_requirements"),
    path("training/compliance/", training.ComplianceView.as_view(), name="training_compliance"),
]
