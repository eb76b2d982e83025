"""Staff URL patterns of the assessment's `annual` part (names `staff:assessment:<name>`)."""

urlpatterns: list = []
