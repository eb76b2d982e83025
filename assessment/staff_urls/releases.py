"""Staff URL patterns of the assessment's `releases` part (names `staff:assessment:<name>`)."""

urlpatterns: list = []
