"""Staff URLs of the survey builder (under /staff/surveys/, names `staff:surveys:...`)."""

from django.urls import path

from surveys.views import builder, builder_preview, builder_questions

_B = "build/<int:pk>/"

urlpatterns: list = [
    path("build/new/", builder.SurveyCreateView.as_view(), name="build_create"),
    path(_B, builder.SurveyBuildView.as_view(), name="build_survey"),
    path(f"{_B}settings/", builder.SurveySettingsView.as_view(), name="build_settings"),
    path(f"{_B}pages/add/", builder.PageAddView.as_view(), name="build_page_add"),
    path(f"{_B}pages/<int:page_id>/", builder.PageEditView.as_view(), name="build_page_edit"),
    path(f"{_B}pages/<int:page_id>/remove/", builder.PageDeleteView.as_view(), name="build_page_delete"),
    path(f"{_B}pages/<int:page_id>/move/<str:direction>/", builder.PageMoveView.as_view(), name="build_page_move"),
    path(f"{_B}bank/", builder_questions.BankView.as_view(), name="build_bank"),
    path(f"{_B}questions/add/", builder_questions.QuestionAddView.as_view(), name="build_question_add"),
    path(f"{_B}questions/<int:question_id>/", builder_questions.QuestionEditView.as_view(), name="build_question_edit"),
    path(
        f"{_B}questions/<int:question_id>/remove/",
        builder_questions.QuestionDeleteView.as_view(),
        name="build_question_delete",
    ),
    path(
        f"{_B}questions/<int:question_id>/move/<str:direction>/",
        builder_questions.QuestionMoveView.as_view(),
        name="build_question_move",
    ),
    path(f"{_B}publish/", builder.PublishView.as_view(), name="build_publish"),
    path(f"{_B}new-version/", builder.NewVersionView.as_view(), name="build_new_version"),
    path(f"{_B}preview/<str:lang>/", builder_preview.PreviewView.as_view(), name="build_preview"),
]
