"""Signing up, the waitlist, and guardian consent. Every change of seats
happens with the session row locked (``select_for_update``), so two people
taking the last seat at once give one seat and one waitlist place."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from feedback.models import ConsentMethod, Registration, RegistrationStatus, Session
from feedback.models.registration import SEATED
from feedback.services.mail import consent_request_mail, registration_mail
from feedback.services.tokens import token_hash, token_new


class RegistrationClosed(Exception):
    """The session does not take sign-ups now (cancelled, started, or outside its window)."""


def _in_group(session: Session, group: str) -> bool:
    """Whether ``group`` names the session's reserved group, as written in either language."""
    wanted = {name.strip().casefold() for name in (session.reserved_group_en, session.reserved_group_es)} - {""}
    return group.strip().casefold() in wanted


def _seat_for(session: Session, group: str) -> bool | None:
    """Which seat a newcomer of ``group`` gets: True reserved, False general, None none left.
    The caller holds the session's lock."""
    seated = session.registrations.filter(status__in=SEATED)
    reserved_taken = seated.filter(reserved_seat=True).count()
    general_taken = seated.filter(reserved_seat=False).count()
    if _in_group(session, group) and reserved_taken < session.reserved_seats:
        return True
    if general_taken < session.capacity - session.reserved_seats:
        return False
    return None


def _seat(registration: Registration, session: Session, reserved: bool, now: dt.datetime) -> str | None:
    """Gives ``registration`` its seat; returns a consent token when a guardian must agree first."""
    registration.reserved_seat = reserved
    if session.consent_required and registration.is_minor and registration.consent_at is None:
        registration.status = RegistrationStatus.PENDING_CONSENT
        registration.hold_until = now + dt.timedelta(days=session.consent_hold_days)
        consent_token, registration.consent_token_hash = token_new(purpose="consent")
        return consent_token
    registration.status = RegistrationStatus.CONFIRMED
    registration.hold_until = None
    return None


@transaction.atomic
def registration_create(*, session: Session, fields: dict, user=None, now: dt.datetime | None = None):
    """Signs a person up: a seat when one is left for them, else the waitlist.
    Returns the registration and the token of its private link (shown once, mailed once)."""
    now = now or timezone.now()
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not session.registration_open(now):
        raise RegistrationClosed
    registration = Registration(session=session, user=user if getattr(user, "is_authenticated", False) else None)
    for name, value in fields.items():
        setattr(registration, name, value)
    manage_token, registration.manage_token_hash = token_new(purpose="manage")
    reserved = _seat_for(session, registration.group)
    consent_token = None
    if reserved is None:
        registration.status = RegistrationStatus.WAITLISTED
    else:
        consent_token = _seat(registration, session, reserved, now)
    registration.save()
    registration_mail(
        registration,
        template="session_registered",
        key=f"session-registered-{registration.pk}",
        manage_token=manage_token,
    )
    if consent_token:
        consent_request_mail(registration, consent_token=consent_token)
    return registration, manage_token


def waitlist_promote(*, session: Session, now: dt.datetime | None = None) -> list[Registration]:
    """Moves waiting people, first come first served, into the seats now free for them
    and mails each. The caller holds the session's lock. Returns those promoted."""
    now = now or timezone.now()
    promoted = []
    if session.is_cancelled or now >= session.starts_at:
        return promoted
    for waiting in session.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by("created_at", "pk"):
        reserved = _seat_for(session, waiting.group)
        if reserved is None:
            continue
        consent_token = _seat(waiting, session, reserved, now)
        waiting.save(update_fields=["status", "reserved_seat", "hold_until", "consent_token_hash", "updated_at"])
        registration_mail(waiting, template="session_promoted", key=f"session-promoted-{waiting.pk}")
        if consent_token:
            consent_request_mail(waiting, consent_token=consent_token)
        promoted.append(waiting)
    return promoted


def registration_by_token(token: str) -> Registration | None:
    """The registration a private link opens, or None."""
    if not token:
        return None
    return (
        Registration.objects.select_related("session", "session__district")
        .filter(manage_token_hash=token_hash(token, purpose="manage"))
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def registration_pending_consent(token: str) -> Registration | None:
    """The registration a guardian's consent link opens while it still waits, or None."""
    if not token:
        return None
    return (
        Registration.objects.select_related("session")
        .filter(consent_token_hash=token_hash(token, purpose="consent"), status=RegistrationStatus.PENDING_CONSENT)
        .first()
    )


@transaction.atomic
def registration_cancel(*, registration: Registration, now: dt.datetime | None = None) -> list[Registration]:
    """Cancels a registration (or leaves the waitlist) and gives the freed seat to the waitlist.
    Returns the people promoted."""
    session = Session.objects.select_for_update().get(pk=registration.session_id)
    registration.refresh_from_db()
    if registration.status == RegistrationStatus.CANCELLED:
        return []
    registration.status = RegistrationStatus.CANCELLED
    registration.hold_until = None
    registration.save(update_fields=["status", "hold_until", "updated_at"])
    return waitlist_promote(session=session, now=now)


@transaction.atomic
def registration_change(*, registration: Registration, fields: dict) -> Registration:
    """Changes what a registrant may change themselves (contact, language, needs); never the seat."""
    for name, value in fields.items():
        setattr(registration, name, value)
    registration.save(update_fields=[*fields, "updated_at"])
    return registration


def _consent_given(registration: Registration, method: str, now: dt.datetime) -> None:
    registration.status = RegistrationStatus.CONFIRMED
    registration.consent_at = now
    registration.consent_method = method
    registration.hold_until = None
    registration.consent_token_hash = ""
    registration.save(
        update_fields=["status", "consent_at", "consent_method", "hold_until", "consent_token_hash", "updated_at"]
    )
    registration_mail(registration, template="session_registered", key=f"session-consented-{registration.pk}")


@transaction.atomic
def consent_give(*, token: str, now: dt.datetime | None = None) -> Registration | None:
    """The guardian agreed through their link: the held seat is confirmed. None for a
    wrong or used link, or a hold that has already lapsed."""
    now = now or timezone.now()
    found = Registration.objects.filter(
        consent_token_hash=token_hash(token, purpose="consent"), status=RegistrationStatus.PENDING_CONSENT
    ).first()
    if found is None:
        return None
    Session.objects.select_for_update().get(pk=found.session_id)
    found.refresh_from_db()
    if found.status != RegistrationStatus.PENDING_CONSENT or (found.hold_until and found.hold_until <= now):
        return None
    _consent_given(found, ConsentMethod.LINK, now)
    return found


@transaction.atomic
def consent_record_paper(*, registration: Registration, now: dt.datetime | None = None) -> bool:
    """The facilitator holds a signed paper form. False when the registration waits for no consent.
    The caller audits (it knows who recorded it)."""
    Session.objects.select_for_update().get(pk=registration.session_id)
    registration.refresh_from_db()
    if registration.status != RegistrationStatus.PENDING_CONSENT:
        return False
    _consent_given(registration, ConsentMethod.PAPER, now or timezone.now())
    return True


def consent_holds_release(*, now: dt.datetime | None = None) -> int:
    """Seats held past their consent deadline go to the waitlist: the registration is
    cancelled, its registrant told, the next people promoted. Each session in its own
    transaction; safe to run twice. Returns how many holds were released."""
    now = now or timezone.now()
    lapsed = Registration.objects.filter(status=RegistrationStatus.PENDING_CONSENT, hold_until__lte=now)
    released = 0
    for session_id in set(lapsed.values_list("session_id", flat=True)):
        with transaction.atomic():
            session = Session.objects.select_for_update().get(pk=session_id)
            for registration in lapsed.filter(session_id=session_id).select_related("session"):
                registration.status = RegistrationStatus.CANCELLED
                registration.save(update_fields=["status", "updated_at"])
                registration_mail(
                    registration, template="session_consent_expired", key=f"session-lapsed-{registration.pk}"
                )
                released += 1
            waitlist_promote(session=session, now=now)
    return released
