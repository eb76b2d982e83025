"""Staff URLs of the survey reach (under /staff/surveys/, names `staff:surveys:...`)."""

urlpatterns: list = []
