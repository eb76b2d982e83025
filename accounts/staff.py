"""The accounts part of the staff site (viewflow Application)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from accounts import staff_views


class OrganisationsApplication(Application):
    title = _("Dashboard")
    app_name = "orgs"

    index_path = path("", staff_views.DashboardView.as_view(), name="index")
    school_path = path("schools/<int:pk>/", staff_views.SchoolDetailView.as_view(), name="school")
    agency_path = path("agencies/<int:pk>/", staff_views.AgencyDetailView.as_view(), name="agency")
