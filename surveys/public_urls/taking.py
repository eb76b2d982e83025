"""Public URLs of survey taking (under /surveys/, names ``surveys:take_...``).

The fixed paths come before the open link's ``<public_id>/<school_slug>/``."""

from django.urls import path

from surveys.views.taking import CodeLinkView, CodeView, OpenLinkView, ResumeView, SurveyIndexView
from surveys.views.taking_pages import TakePageView, ThanksView

urlpatterns: list = [
    path("", SurveyIndexView.as_view(), name="index"),
    path("code/", CodeView.as_view(), name="take_code"),
    path("code/<str:code>/", CodeLinkView.as_view(), name="take_code_link"),
    path("resume/", ResumeView.as_view(), name="take_resume"),
    path("take/", TakePageView.as_view(), name="take_page"),
    path("thanks/<str:public_id>/", ThanksView.as_view(), name="take_thanks"),
    path("<str:public_id>/<slug:school_slug>/", OpenLinkView.as_view(), name="take_start"),
]
