"""The staff area: one viewflow Site; each app adds its Application here.

The site's pages use this project's own accessible templates
(templates/staff/), not viewflow's Material theme.
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Site

from accounts.staff import OrganisationsApplication
from activity.staff import ActivityApplication
from assessment.staff import AssessmentApplication
from feedback.staff import PartnerApplication, SessionsApplication
from notifications.staff import DeliveryApplication
from surveys.staff import SurveysApplication
from workflows.monthly.staff import MonthlyApplication
from workflows.review.staff import ReviewsApplication
from workflows.staff import AuditLogApplication, CalendarApplication, RetentionApplication
from workflows.views.home import StaffHomeView


class StaffSite(Site):
    app_name = "staff"
    index_path = path("", StaffHomeView.as_view(), name="index")


site = StaffSite(
    title=_("Common Ground staff"),
    viewsets=[
        OrganisationsApplication(),
        ReviewsApplication(),
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
