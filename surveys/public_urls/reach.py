"""Public URLs of survey reach (under /surveys/, names `surveys:...`)."""

urlpatterns: list = []
