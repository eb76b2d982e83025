"""Staff URL patterns of the assessment's `commitments` part (names `staff:assessment:<name>`)."""

from django.urls import path

from assessment.views import commitments

urlpatterns: list = [
    path("you-said-we-did/", commitments.CommitmentListView.as_view(), name="commitments"),
    path("you-said-we-did/add/", commitments.CommitmentAddView.as_view(), name="commitment_add"),
    path("you-said-we-did/<int:pk>/", commitments.CommitmentView.as_view(), name="commitment"),
    path("you-said-we-did/<int:pk>/update/", commitments.CommitmentUpdateAddView.as_view(), name="commitment_update"),
]
