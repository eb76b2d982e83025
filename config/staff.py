"""The staff area: one viewflow Site; each app adds its Application here.

The site's pages use this project's own accessible templates
(templates/staff/), not viewflow's Material theme.
"""

from django.urls import get_script_prefix, path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Site

from accounts.staff import OrganisationsApplication
from activity.staff import ActivityApplication
from assessment.staff import AssessmentApplication
from feedback.staff import PartnerApplication, SessionsApplication
from notifications.staff import DeliveryApplication
from surveys.staff import SurveysApplication
from workflows.monthly.staff import MonthlyApplication
from workflows.review.officers_views import OfficersApplication
from workflows.review.staff import ReviewsApplication
from workflows.staff import AuditLogApplication, CalendarApplication, RetentionApplication
from workflows.views.home import StaffHomeView

_MENU_LINKS: dict[str, tuple] = {}


class StaffSite(Site):
    app_name = "staff"
    index_path = path("", StaffHomeView.as_view(), name="index")

    def menu_links(self) -> tuple:
        """(app, its index URL) for each app of the staff menu (templates/staff/base.html),
        the URLs reversed once per script prefix: they take no arguments."""
        prefix = get_script_prefix()
        if prefix not in _MENU_LINKS:
            _MENU_LINKS[prefix] = tuple((app, app.reverse("index")) for app in self.menu_items())
        return _MENU_LINKS[prefix]


site = StaffSite(
    title=_("Common Ground staff"),
    viewsets=[
        OrganisationsApplication(),
        ReviewsApplication(),
        OfficersApplication(),
        AuditLogApplication(),
        CalendarApplication(),
        DeliveryApplication(),
        SurveysApplication(),
        SessionsApplication(),
        PartnerApplication(),
        ActivityApplication(),
        MonthlyApplication(),
        AssessmentApplication(),
        RetentionApplication(),
    ],
)
