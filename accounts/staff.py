"""The accounts part of the staff site (viewflow Application)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts import staff_views
from accounts.rules import is_coordinator


class AreaApplication(Application):
    """An Application whose views decide who reaches them; its ``permission`` only hides the menu entry.

    viewflow's SiteMiddleware answers 403 when an Application's permission
    fails; this project answers 404 for anything out of scope. So the
    resolver does not carry the "app" key the middleware checks, and the
    views decide (each raises Http404 for anyone outside the area).
    """

    def _get_resolver_extra(self):
        return {"viewset": self, "area_app": self}


class CoordinatorApplication(AreaApplication):
    """An Application only district coordinators see in the menu (each view raises Http404 for anyone else)."""

    permission = staticmethod(is_coordinator)


class OrganisationsApplication(Application):
    title = _("Dashboard")
    app_name = "orgs"

    index_path = path("", staff_views.DashboardView.as_view(), name="index")
    school_path = path("schools/<int:pk>/", staff_views.SchoolDetailView.as_view(), name="school")
    agency_path = path("agencies/<int:pk>/", staff_views.AgencyDetailView.as_view(), name="agency")
