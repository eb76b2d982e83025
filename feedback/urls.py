from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import ComingSoonView

app_name = "feedback"
urlpatterns = [path("", ComingSoonView.as_view(title=_("Student dialogue sessions")), name="sessions")]
