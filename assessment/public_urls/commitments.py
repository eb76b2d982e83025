"""Public URL patterns of the `commitments` part under /dashboard/ (names `assessment:<name>`)."""

from django.urls import path

from assessment.views.commitments_public import PublicCommitmentsView

urlpatterns: list = [path("you-said-we-did/", PublicCommitmentsView.as_view(), name="commitments")]
