from django.urls import path

from complaints.views import intake, tracking

app_name = "complaints"
urlpatterns = [
    path("new/", intake.IntakeStepView.as_view(), name="file"),
    path("new/<str:token>/saved/", intake.DraftSavedView.as_view(), name="draft_saved"),
    path("new/<str:token>/done/", intake.FiledView.as_view(), name="filed"),
    path("new/<str:token>/<slug:step>/", intake.IntakeStepView.as_view(), name="draft_step"),
    path("track/", tracking.TrackView.as_view(), name="track"),
    path("track/<str:code>/", tracking.TrackDetailView.as_view(), name="track_detail"),
    path("track/<str:code>/close/", tracking.TrackCloseView.as_view(), name="track_close"),
    path("track/<str:code>/files/<int:attachment_id>/", tracking.AttachmentDownloadView.as_view(), name="attachment"),
    path("mine/", tracking.MyComplaintsView.as_view(), name="mine"),
    path("exit/", tracking.QuickExitView.as_view(), name="quick_exit"),
]
