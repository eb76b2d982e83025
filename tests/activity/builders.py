"""Building SRO records for tests."""

import datetime as dt

from activity.models import EnforcementEvent, EventType, Offence


def offence(district, code: str) -> Offence:
    """One entry of the district's standard list (seeded when the district was created)."""
    return Offence.objects.get(district=district, code=code)


def build_event(officer, school, **fields) -> EnforcementEvent:
    """An event by ``officer`` at ``school``: by default a call for service with nothing to flag."""
    values = {"date": dt.date(2026, 10, 5), "type": EventType.CALL_FOR_SERVICE, **fields}
    return EnforcementEvent.objects.create(officer=officer, agency_id=officer.agency_id, school=school, **values)
