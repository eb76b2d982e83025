"""Public survey pages: taking (open links, codes, class codes) and reaching
people (opt-outs). Each part keeps its patterns in ``surveys/public_urls/``."""

from surveys.public_urls import reach, taking

app_name = "surveys"
# Reach first: its fixed prefix (opt-out/) must win over taking's <public_id>/<school_slug>/.
urlpatterns = [*reach.urlpatterns, *taking.urlpatterns]
