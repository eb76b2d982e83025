"""People and helpers the annual assessment's tests share: one district with every role the
flow needs, and a coordinator of another district."""

from accounts.models import Role
from assessment.services import annual as services
from assessment.services.annual_open import annual_open
from tests.factories import AgencyFactory, DistrictFactory, SchoolFactory, member


class AnnualWorld:
    def __init__(self):
        self.district = DistrictFactory(name="District A")
        self.school = SchoolFactory(district=self.district, name="A High")
        self.agency = AgencyFactory(district=self.district, name="A Police")
        d = {"district": self.district}
        self.coordinator = member(Role.COORDINATOR, **d, full_name="Cora Coordinator")
        self.superintendent = member(Role.SUPERINTENDENT, **d, full_name="Sam Superintendent")
        self.agency_head = member(Role.AGENCY_HEAD, agency=self.agency, full_name="Chief Ada")
        self.police_reviewer = member(Role.POLICE_REVIEWER, agency=self.agency, full_name="Pat Reviewer")
        self.advisory = member(Role.ADVISORY, **d, full_name="Ava Advisor")
        self.advisory_two = member(Role.ADVISORY, **d, full_name="Dan Dissenter")
        self.school_admin = member(Role.SCHOOL_ADMIN, school=self.school, full_name="Pia Principal")
        other = DistrictFactory(name="District B")
        self.other_coordinator = member(Role.COORDINATOR, district=other)
        self.other_school = SchoolFactory(district=other, name="B High")

    def open(self, school_year: int = 2025):
        return annual_open(district=self.district, school_year=school_year, by=self.coordinator)

    @staticmethod
    def task(assessment, name: str):
        return services.annual_open_task(assessment, name)

    @staticmethod
    def scores(assessment, score: int = 3, note: str = "") -> dict[int, tuple[int, str]]:
        return dict.fromkeys(assessment.criteria, (score, note))
