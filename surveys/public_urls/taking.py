"""Public URLs of survey taking (under /surveys/, names ``surveys:...``)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import ComingSoonView

urlpatterns: list = [path("", ComingSoonView.as_view(title=_("Climate surveys")), name="index")]
