"""Public URL patterns of the dashboard itself under /dashboard/ (names ``assessment:<name>``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import ComingSoonView

urlpatterns: list = [path("", ComingSoonView.as_view(title=_("Public dashboard")), name="dashboard")]
