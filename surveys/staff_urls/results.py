"""Staff URLs of the survey results (under /staff/surveys/, names `staff:surveys:...`)."""

urlpatterns: list = []
