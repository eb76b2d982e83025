"""Demo casework on top of the demo complaints (`manage.py seed_demo_casework`,
called by seed_demo after seed_demo_cases): two complaints recorded by staff
(a phone call in Spanish, an anonymous letter), a forwarded email closed as a
duplicate of the phone call, two open complaints linked as the same incident,
one withdrawn by its family, one closed complaint reopened and another under a legal hold. All through the
real services; `purge_demo_cases` removes them with the demo district's
complaints. Running it again does nothing once the staff-recorded complaints exist."""

import datetime

from django.db import transaction

from accounts.models import District, Membership, Role, School
from complaints.models import Complaint, LinkKind, PublicStatus, ReceivedVia
from complaints.services.intake import draft_save
from complaints.services.staff_intake import staff_complaint_record
from workflows.demo import DEMO_DISTRICT_SLUG
from workflows.retention.holds import legal_hold_place
from workflows.review.related import complaint_link
from workflows.review.start import review_start_pending
from workflows.review.withdrawal import complaint_reopen, complaint_withdraw

_INTAKES = [
    # (channel, language, contact, narrative)
    (
        ReceivedVia.PHONE,
        "es",
        {"contact_preference": "phone", "contact_name": "Rosa Delgado", "contact_phone": "555-0142"},
        "Mi hijo dice que el agente le quitó el teléfono en el pasillo y no se lo devolvió hasta el viernes.",
    ),
    (
        ReceivedVia.LETTER,
        "en",
        {"contact_preference": "none"},
        "A letter without a name: the officer shouted at students waiting for the late bus.",
    ),
    (
        ReceivedVia.EMAIL,
        "es",
        {"contact_preference": "email", "contact_email": "tio.delgado@example.org", "contact_name": "Luis Delgado"},
        "Reenvío lo que pasó con mi sobrino: el agente le quitó el teléfono en el pasillo.",
    ),
]
_BLANK_CONTACT = {"contact_name": "", "contact_email": "", "contact_phone": "", "involves_minor": True}


def _record(coordinator, school: School, today: datetime.date, n: int) -> Complaint:
    channel, language, contact, narrative = _INTAKES[n]
    day = today - datetime.timedelta(days=3 + n)
    about = {"kind": "complaint", "filer_role": "guardian", "filing_for_someone_else": True, "school": school}
    about |= {"occurred_on": day, "preferred_language": language, "received_via": channel, "received_on": today}
    incident = {"officer": None, "occurred_at_time": None, "location": "", "description": narrative}
    incident |= {"witnesses": "", "desired_outcome": "", "allegations": ["conduct"]}
    draft = draft_save(draft=None, step="about", raw={})
    complaint = staff_complaint_record(
        actor=coordinator,
        draft=draft,
        about=about,
        incident=incident,
        contact=_BLANK_CONTACT | {"guardian_contact": ""} | contact,
        session_key="",
    )
    review_start_pending(complaint_id=complaint.pk)  # what the worker's start job does (no worker in the demo)
    return complaint


@transaction.atomic
def demo_casework_create(*, today: datetime.date) -> list[str]:
    """Adds the demo casework unless it is there; returns what was done, one line each."""
    district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
    complaints = Complaint.objects.filter(school__district=district)
    if complaints.filter(recorded_by__isnull=False).exists():
        return []
    coordinator = Membership.objects.filter(district=district, role=Role.COORDINATOR).order_by("user_id")[0].user
    school = School.objects.filter(district=district).order_by("name")[0]
    phone, letter, email = (_record(coordinator, school, today, n) for n in range(3))
    done = [f"recorded by staff: {c.tracking_code} ({c.get_received_via_display()})" for c in (phone, letter, email)]
    explanation = "Your uncle's email is about the same phone taken in the hallway; we review it as one complaint."
    complaint_link(complaint=email, other=phone, user=coordinator, kind=LinkKind.DUPLICATE, note=explanation)
    done.append(f"closed as a duplicate: {email.tracking_code} of {phone.tracking_code}")
    reviewed = complaints.filter(process__isnull=False, recorded_by__isnull=True)
    open_ones = list(reviewed.filter(public_status=PublicStatus.IN_REVIEW).order_by("school_id", "pk")[:3])
    if len(open_ones) >= 3:
        first, second, third = open_ones
        complaint_link(complaint=first, other=second, user=coordinator, kind=LinkKind.RELATED, note="Same lunch period")
        complaint_withdraw(complaint=third, reason="We talked with the principal and it is sorted out.")
        done += [f"linked: {first.tracking_code} and {second.tracking_code}", f"withdrawn: {third.tracking_code}"]
    closed = reviewed.filter(public_status=PublicStatus.CLOSED, process__route__in=["school", "police", "both"])
    if (reopened := closed.order_by("pk").first()) is not None:
        complaint_reopen(complaint=reopened, user=coordinator, reason="The family sent video we had not seen.")
        done.append(f"reopened: {reopened.tracking_code}")
    if (held := closed.order_by("-pk").first()) is not None:
        reason = "Records request RR-2026-031 from the family's attorney."
        legal_hold_place(complaint=held, reason=reason, by=coordinator)
        done.append(f"legal hold: {held.tracking_code}")
    return done
