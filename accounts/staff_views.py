"""Staff area pages of the accounts app: role dashboard and organisation pages.

The staff middleware has already required sign-in, a staff role and MFA.
"""

from django.views.generic import TemplateView

from accounts import selectors
from accounts.rules import get_agency_for_user, get_school_for_user


class DashboardView(TemplateView):
    template_name = "accounts/staff/dashboard.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            memberships=selectors.memberships_for(user),
            roles=selectors.dashboard_roles(user),
            schools=selectors.schools_for_dashboard(user),
            agencies=selectors.agencies_for_dashboard(user),
            **kwargs,
        )


class SchoolDetailView(TemplateView):
    template_name = "accounts/staff/school_detail.html"

    def get_context_data(self, **kwargs):
        school = get_school_for_user(self.request.user, self.kwargs["pk"])
        return super().get_context_data(school=school, roster=selectors.current_roster(school), **kwargs)


class AgencyDetailView(TemplateView):
    template_name = "accounts/staff/agency_detail.html"

    def get_context_data(self, **kwargs):
        agency = get_agency_for_user(self.request.user, self.kwargs["pk"])
        return super().get_context_data(agency=selectors.agency_with_roster(agency), **kwargs)
