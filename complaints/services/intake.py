"""Drafts and the submission of a complaint."""

import datetime
import functools
import hmac
import secrets
import time
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from complaints import handoff
from complaints.models import Allegation, Complaint, ContactPreference, Draft, Kind
from complaints.services.attachments import PreparedFile, attachment_store, files_removed_on_rollback
from complaints.services.codes import pin_generate, pin_hash_make, tracking_code_generate
from core.crypto import decrypt, encrypt
from notifications.services import email_enqueue

STEPS = ("about", "incident", "contact")
# Where a draft keeps, beside what was typed, the values of each step its form accepted (see draft_save).
CHECKED = "checked"
# Anonymous means anonymous: with "do not contact me" nothing that identifies the
# person is kept, even when it was typed (or the person is signed in, see
# complaint_submit). The privacy notice on the form lists what is kept instead.
ANONYMOUS_BLANKS = {"contact_name": "", "contact_email": "", "contact_phone": "", "guardian_contact": ""}


def draft_for_token(token: str) -> Draft | None:
    """The draft behind a private link, unless it has expired."""
    try:  # the token is unique: no ordering needed, as first() would add
        return Draft.objects.get(token=token, expires_at__gt=timezone.now())
    except Draft.DoesNotExist:
        return None


def draft_checked(draft: Draft | None, step: str) -> dict | None:
    """The values of ``step`` as its form accepted them (JSON: records by primary key, dates in ISO format), or
    None when the step has not been accepted since it, or a step before it, was last saved."""
    return draft.data.get(CHECKED, {}).get(step) if draft is not None else None


def _checked_after(data: dict, step: str, checked: dict | None) -> dict:
    # A step is checked against the steps before it (the incident's officers are those of the first step's school
    # and day), so saving a step forgets the checks of the steps after it: they are checked again on their way.
    index = STEPS.index(step)
    kept = {name: values for name, values in data.get(CHECKED, {}).items() if STEPS.index(name) < index}
    return kept if checked is None else {**kept, step: checked}


def draft_save(*, draft: Draft | None, step: str, raw: dict[str, list[str]], checked: dict | None = None) -> Draft:
    """Stores what the person typed on ``step`` (as typed, valid or not) and
    keeps the private link alive for another COMPLAINT_DRAFT_DAYS days. With
    ``checked``, the values the step's form accepted are kept too, so later steps
    and the submission use them without checking the step again.

    One statement in the usual case (every step of every filing comes here): a
    new draft is one INSERT; a known one is one UPDATE that applies only if the
    draft is as this request read it. When something changed it in between (a
    submission, another tab), the save is done again under a row lock."""
    expires_at = timezone.now() + datetime.timedelta(days=settings.COMPLAINT_DRAFT_DAYS)
    if draft is None:
        data = {"submission_token": str(uuid.uuid4()), step: raw, CHECKED: _checked_after({}, step, checked)}
        return Draft.objects.create(token=secrets.token_urlsafe(32), data=data, expires_at=expires_at)
    if "complaint_id" not in draft.data:
        data, now = {**draft.data, step: raw, CHECKED: _checked_after(draft.data, step, checked)}, timezone.now()
        unchanged = Draft.objects.filter(pk=draft.pk, updated_at=draft.updated_at)
        if unchanged.update(data=data, expires_at=expires_at, updated_at=now):
            draft.data, draft.expires_at, draft.updated_at = data, expires_at, now
            return draft
    return _draft_save_locked(draft=draft, step=step, raw=raw, checked=checked, expires_at=expires_at)


@transaction.atomic
def _draft_save_locked(*, draft: Draft, step: str, raw: dict[str, list[str]], checked, expires_at) -> Draft:
    # Re-read under a lock: a submission running at the same moment must not be undone.
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if "complaint_id" in draft.data:
        return draft
    draft.data = {**draft.data, step: raw, CHECKED: _checked_after(draft.data, step, checked)}
    draft.expires_at = expires_at
    draft.save()
    return draft


# Tracking codes are drawn at random; a clash with an existing one is tried again with a new code.
TRACKING_CODE_ATTEMPTS = 5


def complaint_submit(
    *,
    draft: Draft,
    about: dict,
    incident: dict,
    contact: dict,
    files: list[PreparedFile],
    user=None,
    session_key: str = "",
) -> Complaint:
    """Files the complaint written in ``draft`` and returns it.

    Submitting the same draft twice (a double click, a resubmitted form, two
    tabs) returns the complaint the first submission created: the draft's
    submission token is unique among complaints, so a second filing of it
    waits for the first to commit and then fails, and the complaint filed is
    read instead. The receipt mail and the job that starts the review are
    queued in the same transaction (the review itself starts in that job,
    complaints.handoff). The PIN waits, encrypted, for the receipt page of the
    browser session ``session_key`` (see draft_receipt_pin).
    """
    if "complaint_id" in draft.data:  # this draft was read after it was filed
        return Complaint.objects.get(pk=draft.data["complaint_id"])
    file = functools.partial(
        _complaint_file,
        draft=draft,
        about=about,
        incident=incident,
        contact=contact,
        files=files,
        user=user,
        session_key=session_key,
    )
    attempts_left = TRACKING_CODE_ATTEMPTS
    while True:
        tracking_code = tracking_code_generate()
        try:
            return file(tracking_code=tracking_code)
        except IntegrityError:
            filed = _complaint_filed_from(draft)
            if filed is not None:  # another submission of this draft was first
                return filed
            attempts_left -= 1
            if not attempts_left or not Complaint.objects.filter(tracking_code=tracking_code).exists():
                raise


def _complaint_filed_from(draft: Draft) -> Complaint | None:
    data = Draft.objects.get(pk=draft.pk).data
    return Complaint.objects.get(pk=data["complaint_id"]) if "complaint_id" in data else None


@files_removed_on_rollback
@transaction.atomic
def _complaint_file(
    *, draft: Draft, tracking_code: str, about: dict, incident: dict, contact: dict, files, user, session_key
) -> Complaint:
    # No lock on the draft: a second filing of it is stopped by the complaint's unique submission token.
    token = uuid.UUID(draft.data["submission_token"])
    pin = pin_generate()
    anonymous = contact["contact_preference"] == ContactPreference.NONE
    if anonymous:
        contact = {**contact, **ANONYMOUS_BLANKS}
    complaint = Complaint(
        tracking_code=tracking_code,
        submission_token=token,
        kind=about["kind"],
        filer_role=about["filer_role"],
        filing_for_someone_else=about["filing_for_someone_else"],
        school=about["school"],
        occurred_on=about["occurred_on"],
        preferred_language=about["preferred_language"],
        officer_id=incident["officer"],
        occurred_at_time=incident["occurred_at_time"],
        location=incident["location"],
        description=incident["description"].strip(),
        witnesses=incident["witnesses"],
        desired_outcome=incident["desired_outcome"],
        submitted_by=user if user is not None and user.is_authenticated and not anonymous else None,
        complainant_updated_at=timezone.now(),
        **{k: contact[k] for k in ("contact_preference", "contact_name", "contact_phone", "involves_minor")},
        contact_email=contact["contact_email"],
        guardian_contact=contact["guardian_contact"],
    )
    complaint.pin_hash = pin_hash_make(pin)
    complaint.save()
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
        new_key=True,  # the complaint is this transaction's
        user=complaint.submitted_by,
        district=complaint.school.district,
    )
    draft.data = {
        "submission_token": str(token),
        "complaint_id": complaint.pk,
        "pin": encrypt(pin),
        "pin_session": _session_digest(session_key),
        "pin_until": int(time.time()) + settings.COMPLAINT_RECEIPT_PIN_MINUTES * 60,
    }
    draft.save(update_fields=["data", "updated_at"])
    return complaint


def _session_digest(session_key: str | None) -> str:
    return salted_hmac("complaints.receipt", session_key or "", algorithm="sha256").hexdigest() if session_key else ""


def draft_receipt_pin(*, draft: Draft, session_key: str | None) -> str | None:
    """The PIN of the complaint filed from ``draft``, for the receipt page: only
    to the browser session that filed it, and only for
    COMPLAINT_RECEIPT_PIN_MINUTES (so a receipt page lost in transit can be
    reloaded). Once that time is over the PIN is forgotten."""
    if "pin" not in draft.data:
        return None
    if int(time.time()) > draft.data.get("pin_until", 0):
        draft_receipt_pin_forget(draft=draft)
        return None
    digest = draft.data.get("pin_session", "")
    if not digest or not hmac.compare_digest(digest, _session_digest(session_key)):
        return None
    return decrypt(draft.data["pin"])


@transaction.atomic
def draft_receipt_pin_forget(*, draft: Draft) -> None:
    """Forgets the PIN kept for the receipt ("I have written it down", or its time is over)."""
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    for key in ("pin", "pin_session", "pin_until"):
        locked.data.pop(key, None)
    locked.save(update_fields=["data", "updated_at"])
    draft.data = locked.data
