"""Public URLs of survey taking (under /surveys/, names ``surveys:...``).

Placeholders until the taking pages land; other parts reverse these names."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.views import ComingSoonView

_soon = ComingSoonView.as_view(title=_("Climate surveys"))

urlpatterns: list = [
    path("", _soon, name="index"),
    path("code/", _soon, name="take_code"),
    path("code/<str:code>/", _soon, name="take_code_link"),
    path("<str:public_id>/<slug:school_slug>/", _soon, name="take_start"),
]
