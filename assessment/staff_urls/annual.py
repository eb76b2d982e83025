"""Staff URL patterns of the assessment's `annual` part (names `staff:assessment:<name>`)."""

from django.urls import path

from assessment.views import annual, annual_plans, annual_rubric

urlpatterns: list = [
    path("annual/", annual.AnnualListView.as_view(), name="annual_list"),
    path("annual/<int:pk>/", annual.AnnualDetailView.as_view(), name="annual"),
    path("annual/<int:pk>/steps/<int:task_pk>/", annual.AnnualTaskView.as_view(), name="annual_task"),
    path("annual/<int:pk>/notes/", annual.AnnualNoteView.as_view(), name="annual_note"),
    path("annual/<int:pk>/sign-off/", annual.AnnualSignOffView.as_view(), name="annual_sign_off"),
    path("annual/rubric/", annual_rubric.RubricView.as_view(), name="rubric"),
    path("annual/rubric/new/", annual_rubric.CriterionEditView.as_view(), name="rubric_criterion_add"),
    path("annual/rubric/<int:pk>/", annual_rubric.CriterionEditView.as_view(), name="rubric_criterion"),
    path("annual/goals/", annual_plans.GoalListView.as_view(), name="annual_goals"),
    path("annual/goals/<int:pk>/", annual_plans.GoalEditView.as_view(), name="annual_goal"),
    path("annual/work-plans/", annual_plans.WorkPlanListView.as_view(), name="work_plans"),
    path("annual/work-plans/<int:pk>/", annual_plans.WorkPlanEditView.as_view(), name="work_plan"),
]
