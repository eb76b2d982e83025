from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.MyAccountView.as_view(), name="me"),
    path("welcome/", views.AfterLoginView.as_view(), name="after_login"),
]
