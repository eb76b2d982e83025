from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import ComingSoonView

app_name = "complaints"
urlpatterns = [
    path("new/", ComingSoonView.as_view(title=_("File a complaint")), name="file"),
    path("track/", ComingSoonView.as_view(title=_("Track a complaint")), name="track"),
]
