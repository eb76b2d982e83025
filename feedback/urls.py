"""Public URLs of the dialogue sessions (under /sessions/, names ``feedback:...``)."""

from django.urls import path

from feedback.views import public

app_name = "feedback"
urlpatterns = [
    path("", public.SessionListView.as_view(), name="sessions"),
    path("<int:pk>/", public.SessionDetailView.as_view(), name="session"),
    path("<int:pk>/register/", public.RegisterView.as_view(), name="register"),
    path("my/<str:token>/", public.ManageView.as_view(), name="manage"),
    path("consent/<str:token>/", public.ConsentView.as_view(), name="consent"),
    path("calendar/school/<int:school_id>.ics", public.school_calendar, name="school_calendar"),
]
