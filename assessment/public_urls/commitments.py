"""Public URL patterns of the `commitments` part under /dashboard/ (names `assessment:<name>`)."""

urlpatterns: list = []
