"""Staff URL patterns of the assessment's `training` part (names `staff:assessment:<name>`)."""

urlpatterns: list = []
