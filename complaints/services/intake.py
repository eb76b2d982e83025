"""Drafts and the submission of a complaint."""

import datetime
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from complaints import handoff
from complaints.models import Allegation, Complaint, ContactPreference, Draft, Kind
from complaints.services.attachments import PreparedFile, attachment_store, files_removed_on_rollback
from complaints.services.codes import pin_generate, tracking_code_generate
from core.crypto import encrypt
from core.sanitize import sanitize_html
from notifications.services import email_enqueue

STEPS = ("about", "incident", "contact")


def draft_for_token(token: str) -> Draft | None:
    """The draft behind a private link, unless it has expired."""
    return Draft.objects.filter(token=token, expires_at__gt=timezone.now()).first()


@transaction.atomic
def draft_save(*, draft: Draft | None, step: str, raw: dict[str, list[str]]) -> Draft:
    """Stores what the person typed on ``step`` (as typed, valid or not) and
    keeps the private link alive for another COMPLAINT_DRAFT_DAYS days."""
    if draft is None:
        draft = Draft(token=secrets.token_urlsafe(32), data={"submission_token": str(uuid.uuid4())})
    else:
        # Re-read under a lock: a submission running at the same moment must not be undone.
        draft = Draft.objects.select_for_update().get(pk=draft.pk)
        if "complaint_id" in draft.data:
            return draft
    draft.data[step] = raw
    draft.expires_at = timezone.now() + datetime.timedelta(days=settings.COMPLAINT_DRAFT_DAYS)
    draft.save()
    return draft


def _unique_tracking_code() -> str:
    while True:
        code = tracking_code_generate()
        if not Complaint.objects.filter(tracking_code=code).exists():
            return code


@files_removed_on_rollback
@transaction.atomic
def complaint_submit(
    *, draft: Draft, about: dict, incident: dict, contact: dict, files: list[PreparedFile], user=None
) -> Complaint:
    """Files the complaint written in ``draft`` and returns it.

    Submitting the same draft twice (a double click, a resubmitted form)
    returns the complaint the first submission created. The receipt mail and
    the review start are part of the same transaction.
    """
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    token = uuid.UUID(draft.data["submission_token"])
    existing = Complaint.objects.filter(submission_token=token).first()
    if existing:
        return existing
    pin = pin_generate()
    if contact["contact_preference"] == ContactPreference.NONE:
        # Anonymous means anonymous: nothing that identifies the person is kept.
        contact = {**contact, "contact_name": "", "contact_email": "", "contact_phone": ""}
    complaint = Complaint(
        submission_token=token,
        tracking_code=_unique_tracking_code(),
        kind=about["kind"],
        filer_role=about["filer_role"],
        filing_for_someone_else=about["filing_for_someone_else"],
        school=about["school"],
        occurred_on=about["occurred_on"],
        preferred_language=about["preferred_language"],
        officer_id=incident["officer"],
        occurred_at_time=incident["occurred_at_time"],
        location=incident["location"],
        description=sanitize_html(incident["description"]),
        witnesses=incident["witnesses"],
        desired_outcome=incident["desired_outcome"],
        submitted_by=user if user is not None and user.is_authenticated else None,
        complainant_updated_at=timezone.now(),
        **{k: contact[k] for k in ("contact_preference", "contact_name", "contact_phone", "involves_minor")},
        contact_email=contact["contact_email"],
        guardian_contact=contact["guardian_contact"],
    )
    complaint.pin_hash = make_password(pin)
    try:
        with transaction.atomic():
            complaint.save()
    except IntegrityError:
        return Complaint.objects.get(submission_token=token)
    Allegation.objects.bulk_create(Allegation(complaint=complaint, category=c) for c in incident["allegations"])
    for prepared in files:
        attachment_store(complaint=complaint, prepared=prepared, from_complainant=True)
    if complaint.kind == Kind.COMPLAINT:
        handoff.start_review(complaint)
    email_enqueue(
        template="complaint_received",
        to=complaint.contact_email,
        language=complaint.preferred_language,
        context={
            "tracking_code": complaint.tracking_code,
            "pin": pin,
            "school_name": complaint.school.name,
            "track_path": reverse("complaints:track"),
        },
        key=f"complaint-received-{complaint.pk}",
        user=complaint.submitted_by,
        district=complaint.school.district,
    )
    draft.data = {"submission_token": str(token), "complaint_id": complaint.pk, "pin": encrypt(pin)}
    draft.save(update_fields=["data", "updated_at"])
    return complaint
