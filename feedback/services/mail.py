"""The mails a registration gets: built here, sent through notifications.services.email_enqueue."""

from django.urls import reverse
from django.utils import formats, timezone, translation

from core.i18n import pick
from feedback.models import Registration, Session
from feedback.services.calendar import sessions_ical
from notifications.services import email_enqueue


def session_context(session: Session, *, language: str) -> dict:
    """Title, date, time and place of ``session`` as the recipient reads them (their language, the district's zone)."""
    with translation.override(language):
        start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        return {
            "session_title": pick(session, "title", language),
            "session_date": formats.date_format(start, "DATE_FORMAT"),
            "session_time": f"{formats.time_format(start)}–{formats.time_format(end)}",
            "session_place": pick(session, "place", language),
            "session_online_url": session.online_url,
            "session_path": reverse("feedback:session", kwargs={"pk": session.pk}),
        }


def registration_mail(
    registration: Registration, *, template: str, key: str, manage_token: str = "", extra: dict | None = None
) -> None:
    """Queues ``template`` for ``registration`` with the session's details and, for a seat, its calendar file."""
    if not registration.email:
        return
    session = registration.session
    context = session_context(session, language=registration.language)
    context.update(extra or {})
    context["name"] = registration.name
    context["status"] = registration.status
    if manage_token:
        context["manage_path"] = reverse("feedback:manage", kwargs={"token": manage_token})
    if registration.status == "confirmed" or session.is_cancelled:
        ics = sessions_ical([session], language=registration.language, attendee=registration.email)
        context["ics"] = ics.decode()
    email_enqueue(
        template=template,
        to=registration.email,
        language=registration.language,
        context=context,
        key=key,
        district=session.district,
        user=registration.user,
    )


def consent_request_mail(registration: Registration, *, consent_token: str) -> None:
    """The guardian's consent link, in both languages (the guardian's language is not known)."""
    session = registration.session
    context = {
        "en": session_context(session, language="en"),
        "es": session_context(session, language="es"),
        "name": registration.name,
        "guardian_name": registration.guardian_name,
        "session_path": reverse("feedback:session", kwargs={"pk": session.pk}),
        "consent_path": reverse("feedback:consent", kwargs={"token": consent_token}),
        "hold_until": formats.date_format(timezone.localtime(registration.hold_until), "DATE_FORMAT"),
    }
    email_enqueue(
        template="session_consent_request",
        to=registration.guardian_email,
        language=registration.language,
        context=context,
        key=f"session-consent-{registration.pk}-{registration.hold_until:%Y%m%d%H%M}",
        district=session.district,
    )
