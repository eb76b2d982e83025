"""Public survey pages: taking (open links, codes, class codes) and reaching
people (opt-outs). Each part keeps its patterns in ``surveys/public_urls/``."""

from surveys.public_urls import reach, taking

app_name = "surveys"
urlpatterns = [*taking.urlpatterns, *reach.urlpatterns]
