from django.urls import path

from notifications import views, webhook

app_name = "notifications"
urlpatterns = [
    path("sendgrid/events/", webhook.sendgrid_events, name="sendgrid_events"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
]
