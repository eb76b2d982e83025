"""The facilitator's roster on the day: check-in, walk-ins, no-shows, paper consent."""

from django.db import transaction

from core.audit import AuditKind, audit_record
from feedback.models import Attendance, Registration, RegistrationStatus, Session
from feedback.services.post_session import feedback_invitation_issue
from feedback.services.registrations import consent_record_paper


@transaction.atomic
def attendance_record(*, registration: Registration, attendance: str, by, request=None) -> Registration:
    """Marks a registrant checked in, a no-show, or not recorded; audited."""
    if attendance not in Attendance.values:
        raise ValueError(f"Unknown attendance {attendance!r}")
    before = registration.attendance
    registration.attendance = attendance
    registration.save(update_fields=["attendance", "updated_at"])
    audit_record(
        actor=by,
        kind=AuditKind.ATTENDANCE_RECORDED,
        obj=registration,
        changes={"attendance": [before, attendance]},
        request=request,
        district_id=registration.session.district_id,
    )
    if attendance == Attendance.PRESENT:
        feedback_invitation_issue(registration=registration, actor=by, request=request)
    return registration


@transaction.atomic
def walk_in_add(*, session: Session, name: str, group: str, by, request=None) -> Registration:
    """Someone who came without signing up: on the roster, checked in (seats no longer matter once it runs)."""
    registration = Registration.objects.create(
        session=session,
        name=name,
        group=group,
        status=RegistrationStatus.CONFIRMED,
        walk_in=True,
        attendance=Attendance.PRESENT,
    )
    audit_record(
        actor=by, kind=AuditKind.WALK_IN_ADDED, obj=registration, request=request, district_id=session.district_id
    )
    feedback_invitation_issue(registration=registration, actor=by, request=request)
    return registration


@transaction.atomic
def paper_consent_record(*, registration: Registration, by, request=None) -> bool:
    """The facilitator recorded a signed paper consent form; audited. False when none was awaited."""
    if not consent_record_paper(registration=registration):
        return False
    audit_record(
        actor=by,
        kind=AuditKind.CONSENT_RECORDED,
        obj=registration,
        changes={"consent": ["", "paper"]},
        request=request,
        district_id=registration.session.district_id,
    )
    return True
