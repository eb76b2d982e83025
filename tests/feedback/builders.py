"""Sessions for tests: ``build_session(district, schools, ...)`` with sensible defaults."""

import datetime as dt

from django.utils import timezone

from feedback.models import Session, SessionKind


def build_session(district, schools, *, facilitators=(), starts_in=dt.timedelta(days=7), **fields) -> Session:
    """A session starting ``starts_in`` from now, one hour long, open for sign-up."""
    starts_at = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    values = {
        "kind": SessionKind.STUDENT_DIALOGUE,
        "title_en": "Talking about safety",
        "title_es": "Hablemos de seguridad",
        "place_en": "Library, room 2",
        "capacity": 10,
        "starts_at": starts_at,
        "ends_at": starts_at + dt.timedelta(hours=1),
    }
    values.update(fields)
    session = Session.objects.create(district=district, **values)
    session.schools.set(schools)
    session.facilitators.set(facilitators)
    return session


def person(name: str = "Ana", **fields) -> dict:
    """What a registrant typed (service-level fields)."""
    return {"name": name, "email": f"{name.lower()}@example.org", "language": "en", **fields}
