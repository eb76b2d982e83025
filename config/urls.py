from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path

from config.staff import site as staff_site
from core.views import HealthView, HomeView
from workflows.review.appeal import AppealView
from workflows.review.satisfaction_views import SatisfactionView

# The admin signs in through allauth, so it gets the same MFA and rate limits.
admin.site.login = login_required(admin.site.login)
admin.site.site_header = "Common Ground administration"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("healthz", HealthView.as_view(), name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("me/", include("accounts.urls")),
    path("complaints/", include("complaints.urls")),
    # The appeal belongs to the review workflow but lives on the tracking page.
    path("complaints/track/<str:code>/appeal/", AppealView.as_view(), name="complaint_appeal"),
    path("complaints/track/<str:code>/how-did-it-go/", SatisfactionView.as_view(), name="complaint_satisfaction"),
    path("surveys/", include("surveys.urls")),
    path("sessions/", include("feedback.urls")),
    path("dashboard/", include("assessment.urls")),
    path("notifications/", include("notifications.urls")),
    path("staff/", staff_site.urls),
    path("admin/", admin.site.urls),
]
