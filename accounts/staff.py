"""The accounts part of the staff site (viewflow Application)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts import staff_views
from accounts.rules import is_coordinator


class CoordinatorApplication(Application):
    """An Application only district coordinators see in the menu.

    viewflow's SiteMiddleware answers 403 when an Application's permission
    fails; this project answers 404 for anything out of scope. So the
    resolver does not carry the "app" key the middleware checks, and the
    views decide (each raises Http404 for anyone but a coordinator).
    """

    permission = staticmethod(is_coordinator)

    def _get_resolver_extra(self):
        return {"viewset": self, "coordinator_app": self}


class OrganisationsApplication(Application):
    title = _("Dashboard")
    app_name = "orgs"

    index_path = path("", staff_views.DashboardView.as_view(), name="index")
    school_path = path("schools/<int:pk>/", staff_views.SchoolDetailView.as_view(), name="school")
    agency_path = path("agencies/<int:pk>/", staff_views.AgencyDetailView.as_view(), name="agency")
