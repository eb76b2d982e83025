"""Creating, changing and cancelling sessions (the coordinator's work), audited,
with an update mail to everyone holding a seat or a waitlist place."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from core.audit import AuditKind, audit_record, changes_between, instance_values
from feedback.models import RegistrationStatus, Session
from feedback.services.mail import registration_mail
from feedback.services.registrations import waitlist_promote

# Changes registrants are told about (their calendar file changes, or where to go).
NOTIFIED_FIELDS = ("starts_at", "ends_at", "place_en", "place_es", "online_url", "title_en", "title_es")
AUDITED_FIELDS = (
    "kind",
    "title_en",
    "title_es",
    "audience_en",
    "audience_es",
    "school_attendees_en",
    "school_attendees_es",
    "police_attendees_en",
    "police_attendees_es",
    "starts_at",
    "ends_at",
    "place_en",
    "place_es",
    "online_url",
    "capacity",
    "reserved_seats",
    "reserved_group_en",
    "reserved_group_es",
    "languages_en",
    "languages_es",
    "interpretation",
    "registration_opens_at",
    "registration_closes_at",
    "consent_required",
    "consent_hold_days",
)


def _people_to_tell(session: Session):
    return (
        session.registrations.exclude(status=RegistrationStatus.CANCELLED).exclude(email="").select_related("session")
    )


def _tell(session: Session, template: str) -> int:
    told = 0
    for registration in _people_to_tell(session):
        registration.session = session
        registration_mail(
            registration, template=template, key=f"{template}-{session.pk}-{session.sequence}-{registration.pk}"
        )
        told += 1
    return told


@transaction.atomic
def session_create(*, fields: dict, schools, facilitators, by, request=None) -> Session:
    """A new session of ``fields`` (district included), audited."""
    session = Session.objects.create(**fields)
    session.schools.set(schools)
    session.facilitators.set(facilitators)
    audit_record(
        actor=by,
        kind=AuditKind.SESSION_CREATED,
        obj=session,
        changes=instance_values(session, AUDITED_FIELDS),
        request=request,
    )
    return session


@transaction.atomic
def session_change(*, session: Session, fields: dict, schools, facilitators, by, request=None) -> Session:
    """Applies ``fields``; when the time, place or title changed, SEQUENCE goes up and everyone
    registered gets an update with the new calendar file. More seats promote the waitlist."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    before = instance_values(locked, AUDITED_FIELDS)
    before_schools = sorted(locked.schools.values_list("pk", flat=True))
    before_facilitators = sorted(locked.facilitators.values_list("pk", flat=True))
    for name, value in fields.items():
        setattr(locked, name, value)
    notify = any(before.get(name) != instance_values(locked, [name])[name] for name in NOTIFIED_FIELDS)
    if notify:
        locked.sequence += 1
    locked.save()
    locked.schools.set(schools)
    locked.facilitators.set(facilitators)
    changes = changes_between(before, instance_values(locked, AUDITED_FIELDS))
    after_schools = sorted(s.pk for s in schools)
    after_facilitators = sorted(f.pk for f in facilitators)
    if before_schools != after_schools:
        changes["schools"] = [before_schools, after_schools]
    if before_facilitators != after_facilitators:
        changes["facilitators"] = [before_facilitators, after_facilitators]
    audit_record(actor=by, kind=AuditKind.SESSION_CHANGED, obj=locked, changes=changes, request=request)
    if notify:
        _tell(locked, "session_changed")
    waitlist_promote(session=locked)
    return locked


@transaction.atomic
def session_cancel(*, session: Session, by, request=None, now: dt.datetime | None = None) -> int:
    """Cancels the session (kept, shown as cancelled; calendars get STATUS:CANCELLED) and tells
    everyone registered. Returns how many were told; 0 when it was already cancelled."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.is_cancelled:
        return 0
    locked.cancelled_at = now or timezone.now()
    locked.sequence += 1
    locked.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    audit_record(
        actor=by, kind=AuditKind.SESSION_CANCELLED, obj=locked, changes={"cancelled": [False, True]}, request=request
    )
    return _tell(locked, "session_cancelled")


def registrations_seated(session: Session):
    """Everyone holding a seat or a waitlist place, for the roster."""
    return session.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related("school")
