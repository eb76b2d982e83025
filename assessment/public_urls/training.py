"""Public URL patterns of the `training` part under /dashboard/ (names `assessment:<name>`)."""

urlpatterns: list = []
