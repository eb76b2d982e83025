from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts.access import scope_for
from accounts.models import Role
from notifications import views


class DeliveryApplication(Application):
    title = _("Email delivery")
    app_name = "delivery"
    permission = staticmethod(lambda user: scope_for(user).has_role(Role.COORDINATOR))

    index_path = path("", views.DeliveryProblemsView.as_view(), name="index")
    resend_path = path("<int:pk>/resend/", views.ResendView.as_view(), name="resend")
    resend_all_path = path("resend/", views.ResendAllView.as_view(), name="resend_all")
