"""A school with two rostered SROs, its administrator, coordinator, police reviewer and chief, and October 2026."""

import datetime as dt

from accounts.models import Role
from activity.models import EventType, OutreachActivity, OutreachKind
from tests.activity.builders import build_event, offence
from tests.factories import OfficerFactory, RosterAssignmentFactory, SchoolFactory, member
from workflows.monthly.models import MonthlyReview
from workflows.monthly.opening import monthly_reviews_open

OCTOBER = dt.date(2026, 10, 1)
NOVEMBER_DAY = dt.date(2026, 11, 3)


class MonthlyWorld:
    def __init__(self):
        self.school = SchoolFactory(name="Lincoln High")
        self.district = self.school.district
        first = RosterAssignmentFactory(school=self.school, officer__agency__district=self.district)
        self.agency = first.officer.agency
        self.officer = first.officer
        self.sro = member(Role.SRO, agency=self.agency, email="sro@example.org")
        self.officer.user = self.sro
        self.officer.save()
        self.sro2 = member(Role.SRO, agency=self.agency, email="sro2@example.org", preferred_language="es")
        self.officer2 = OfficerFactory(agency=self.agency, user=self.sro2, full_name="Officer Two")
        RosterAssignmentFactory(officer=self.officer2, school=self.school)
        self.principal = member(Role.SCHOOL_ADMIN, school=self.school, email="principal@example.org")
        self.coordinator = member(Role.COORDINATOR, district=self.district, email="coord@example.org")
        self.reviewer = member(Role.POLICE_REVIEWER, agency=self.agency, email="reviewer@example.org")
        self.chief = member(Role.AGENCY_HEAD, agency=self.agency, email="chief@example.org")
        self.other_principal = member(
            Role.SCHOOL_ADMIN, school=SchoolFactory(district=self.district), email="other@example.org"
        )

    def flagged_citation(self, officer=None, **fields):
        values = {
            "date": dt.date(2026, 10, 7),
            "type": EventType.CITATION,
            "offence": offence(self.district, "loitering"),
            "student_age": 15,
        }
        return build_event(officer or self.officer, self.school, **{**values, **fields})

    def call(self, officer=None, day=8):
        return build_event(officer or self.officer, self.school, date=dt.date(2026, 10, day))

    def outreach(self, officer=None, minutes=30):
        officer = officer or self.officer
        return OutreachActivity.objects.create(
            officer=officer,
            agency=officer.agency,
            school=self.school,
            date=dt.date(2026, 10, 9),
            kind=OutreachKind.PRESENTATION,
            minutes=minutes,
            people_reached=40,
        )

    def open_october(self) -> MonthlyReview:
        monthly_reviews_open(today=NOVEMBER_DAY)
        return MonthlyReview.objects.get(school=self.school, month=OCTOBER)
