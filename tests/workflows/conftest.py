import pytest

from accounts.models import Role
from tests.factories import AllegationFactory, ComplaintFactory, RosterAssignmentFactory, SchoolFactory, member


class Case:
    """A complaint about an officer at a school, with every role of its district."""

    def __init__(self):
        self.school = SchoolFactory(name="Lincoln High")
        roster = RosterAssignmentFactory(school=self.school, officer__agency__district=self.school.district)
        self.officer = roster.officer
        self.agency = self.officer.agency
        self.coordinator = member(Role.COORDINATOR, district=self.school.district, email="coord@example.org")
        self.principal = member(Role.SCHOOL_ADMIN, school=self.school, email="principal@example.org")
        self.reviewer = member(Role.POLICE_REVIEWER, agency=self.agency, email="reviewer@example.org")
        self.complaint = ComplaintFactory(
            school=self.school, officer=self.officer, contact_preference="email", contact_email="fam@example.org"
        )
        self.allegations = [
            AllegationFactory(complaint=self.complaint, category="search"),
            AllegationFactory(complaint=self.complaint, category="conduct"),
        ]


@pytest.fixture
def case(db):
    return Case()
