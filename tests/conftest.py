import datetime
import zoneinfo

import pytest
from django.conf import settings
from django.utils import timezone, translation

from surveys.structure import survey_structure_forget
from tests.factories import AgencyFactory, DistrictFactory, RosterAssignmentFactory, SchoolFactory


class World:
    """Two districts, each with schools, a partner agency and a rostered SRO.

    ``a_school`` is served by ``a_agency``'s officer; ``a_other_school`` is in
    the same district but served by nobody; everything ``b_*`` belongs to
    another district.
    """

    def __init__(self):
        self.a = DistrictFactory(name="District A")
        self.a_school = SchoolFactory(district=self.a, name="A High")
        self.a_other_school = SchoolFactory(district=self.a, name="A Middle")
        self.a_agency = AgencyFactory(district=self.a, name="A Police")
        self.a_roster = RosterAssignmentFactory(officer__agency=self.a_agency, school=self.a_school)
        self.b = DistrictFactory(name="District B")
        self.b_school = SchoolFactory(district=self.b, name="B High")
        self.b_agency = AgencyFactory(district=self.b, name="B Police")
        self.b_roster = RosterAssignmentFactory(officer__agency=self.b_agency, school=self.b_school)


@pytest.fixture(autouse=True)
def _language_of_the_settings():
    """Each test starts in the site's language: a Spanish request leaves Spanish active in its thread."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _survey_structure_cache_empty():
    """Each test reads published surveys afresh (the cache lives for the process)."""
    survey_structure_forget()


@pytest.fixture
def today_is(monkeypatch):
    """Sets the site's clock to noon in the district on a given day, for a test whose meaning depends on what is
    past and what is still to come (``timezone.now``, which ``timezone.localdate`` reads too)."""

    def set_day(day: datetime.date) -> None:
        noon = datetime.datetime.combine(day, datetime.time(12), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
        monkeypatch.setattr(timezone, "now", lambda: noon)

    return set_day


@pytest.fixture
def world(db):
    return World()
