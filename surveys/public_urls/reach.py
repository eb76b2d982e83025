"""Public URLs of survey reach (under /surveys/, names `surveys:...`)."""

from django.urls import path

from surveys.views import reach_optouts

urlpatterns: list = [
    path("opt-out/<slug:district_slug>/", reach_optouts.OptOutView.as_view(), name="reach_opt_out"),
    path("opt-out/<slug:district_slug>/sent/", reach_optouts.OptOutDoneView.as_view(), name="reach_opt_out_done"),
]
