from django.urls import path
from django.utils.translation import gettext_lazy as _

from accounts.staff import CoordinatorApplication
from notifications import views


class DeliveryApplication(CoordinatorApplication):
    title = _("Email delivery")
    app_name = "delivery"

    index_path = path("", views.DeliveryProblemsView.as_view(), name="index")
    resend_path = path("<int:pk>/resend/", views.ResendView.as_view(), name="resend")
    resend_all_path = path("resend/", views.ResendAllView.as_view(), name="resend_all")
