"""Staff URLs of the survey builder (under /staff/surveys/, names `staff:surveys:...`)."""

urlpatterns: list = []
