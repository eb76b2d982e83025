"""Complaints received by phone, in person, by letter or forwarded email,
recorded by a coordinator or school administrator on the complainant's behalf.

The public intake service files them (complaints.services.intake.complaint_submit):
the same routing, tracking code and PIN, receipt mail and review start. This
module adds only how and when the complaint was received, who recorded it, and
the audit event."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction

from accounts.rules import intake_schools
from complaints.models import Complaint, Draft, ReceivedVia
from complaints.services.intake import complaint_submit
from core.audit import AuditKind, audit_record


@transaction.atomic
def staff_complaint_record(
    *,
    actor,
    draft: Draft,
    about: dict,
    incident: dict,
    contact: dict,
    session_key: str,
    request=None,
) -> Complaint:
    """Files the complaint written in ``draft`` as received by ``actor`` and
    returns it. ``about`` holds the public form's first step plus
    ``received_via`` and ``received_on``. Recording the same draft twice
    returns the first complaint. The PIN waits for the staff member's receipt
    page (``session_key``), to be read out, printed or mailed."""
    if not intake_schools(actor).filter(pk=about["school"].pk).exists():
        raise PermissionDenied
    if about["received_via"] not in ReceivedVia.values or about["received_via"] == ReceivedVia.ONLINE:
        raise ValueError(f"not a staff channel: {about['received_via']!r}")
    complaint = complaint_submit(
        draft=draft, about=about, incident=incident, contact=contact, files=[], user=None, session_key=session_key
    )
    if complaint.recorded_by_id is None:
        received_on: datetime.date = about["received_on"]
        Complaint.objects.filter(pk=complaint.pk).update(
            received_via=about["received_via"], received_on=received_on, recorded_by=actor
        )
        complaint.received_via, complaint.received_on, complaint.recorded_by = about["received_via"], received_on, actor
        audit_record(
            actor=actor,
            kind=AuditKind.COMPLAINT_RECORDED_BY_STAFF,
            obj=complaint,
            changes={"received_via": [None, complaint.received_via], "received_on": [None, received_on.isoformat()]},
            request=request,
        )
    return complaint
