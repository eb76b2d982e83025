from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import ComingSoonView

app_name = "assessment"
urlpatterns = [path("", ComingSoonView.as_view(title=_("Public dashboard")), name="dashboard")]
