"""Staff URL patterns of the assessment's `commitments` part (names `staff:assessment:<name>`)."""

urlpatterns: list = []
