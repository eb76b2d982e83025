"""The demo district's dialogue sessions (`seed_demo_sessions`, DEMO_MODE only), made through
the real services, and their removal (`purge_demo_sessions`)."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import District, Membership, Role
from feedback.demo_partner import demo_feedback_create, demo_feedback_purge
from feedback.models import Attendance, HeardItem, HeardStatus, Registration, Session, SessionKind, Theme
from feedback.services.registrations import registration_create

DEMO_DISTRICT_SLUG = "riverside"
DEMO_TAG = "[demo]"
PEOPLE = [
    ("Jordan Lee", "student council", ""),
    ("María Gómez", "", "Spanish interpreter"),
    ("Devon Park", "student council", ""),
    ("Aisha Bello", "", "Wheelchair access"),
    ("Luis Ortega", "", ""),
]
HEARD = [
    ("SRO visibility", "I only see the officer when something is already wrong.", True),
    ("Complaint process", "Students did not know where to file a complaint.", False),
    ("Fair treatment", "It feels like the same kids always get stopped.", True),
]


def _session(district, facilitator, *, title_en, title_es, kind, starts_in, capacity, **extra) -> Session:
    start = (timezone.now() + starts_in).replace(minute=0, second=0, microsecond=0)
    session = Session.objects.create(
        district=district,
        kind=kind,
        title_en=f"{title_en} {DEMO_TAG}",
        title_es=f"{title_es} {DEMO_TAG}",
        place_en="Lincoln High library",
        place_es="Biblioteca de Lincoln High",
        capacity=capacity,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1, minutes=30),
        languages_en="English, Spanish",
        languages_es="Inglés, español",
        interpretation=True,
        accessibility_note_en="Step-free entrance on Oak Street.",
        accessibility_note_es="Entrada sin escalones por la calle Oak.",
        **extra,
    )
    session.schools.set(district.schools.all()[:1])
    if facilitator:
        session.facilitators.set([facilitator])
    return session


def _demo_upcoming(district, facilitator) -> None:
    """Ten days ahead, four seats (one kept for the student council), consent needed: a full house and a waitlist."""
    upcoming = _session(
        district,
        facilitator,
        title_en="Student voices on safety",
        title_es="Voces estudiantiles sobre la seguridad",
        kind=SessionKind.STUDENT_DIALOGUE,
        starts_in=dt.timedelta(days=10),
        capacity=4,
        reserved_seats=1,
        reserved_group_en="student council",
        reserved_group_es="consejo estudiantil",
        consent_required=True,
        audience_en="Student council and any student",
        audience_es="El consejo estudiantil y cualquier estudiante",
    )
    for name, group, needs in PEOPLE:
        fields = {"name": name, "email": f"{name.split()[0].lower()}@example.org", "group": group, "needs": needs}
        registration_create(session=upcoming, fields={**fields, "language": "es" if "María" in name else "en"})


def _demo_past(district, facilitator) -> Session:
    """Two weeks ago: attendance taken and three approved items of what was heard."""
    past = _session(
        district,
        facilitator,
        title_en="SRO and student roundtable",
        title_es="Mesa redonda de SRO y estudiantes",
        kind=SessionKind.ROUNDTABLE,
        starts_in=-dt.timedelta(days=14),
        capacity=20,
    )
    for index, (name, group, _needs) in enumerate(PEOPLE):
        attendance = Attendance.NO_SHOW if index == 4 else Attendance.PRESENT
        Registration.objects.create(session=past, name=name, group=group, status="confirmed", attendance=attendance)
    for theme_name, text, quote in HEARD:
        HeardItem.objects.create(
            session=past,
            theme=Theme.objects.get(district__isnull=True, name_en=theme_name),
            text=text,
            is_quote=quote,
            names_removed=True,
            status=HeardStatus.APPROVED,
            added_by=facilitator,
        )
    return past


@transaction.atomic
def demo_sessions_create() -> int:
    """Past and upcoming sessions with sign-ups, a waitlist, attendance and approved
    quotes, unless the demo district has sessions already. Returns how many were made."""
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    if district.sessions.exists():
        return 0
    membership = Membership.objects.filter(district=district, role=Role.FACILITATOR).select_related("user").first()
    facilitator = membership.user if membership else None
    _demo_upcoming(district, facilitator)
    demo_feedback_create(district, _demo_past(district, facilitator))
    return 2


@transaction.atomic
def demo_sessions_purge() -> int:
    """Deletes the demo district's sessions (with their sign-ups and items) and themes; returns how many sessions."""
    district = District.objects.filter(slug=DEMO_DISTRICT_SLUG).first()
    if district is None:
        return 0
    demo_feedback_purge(district)
    Theme.objects.filter(district=district).delete()
    deleted = Session.objects.filter(district=district)
    count = deleted.count()
    deleted.delete()
    return count
