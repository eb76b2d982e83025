"""Complaints (and compliments or general concerns) about SROs and the program."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("A complaint about an officer or the program")
    CONCERN = "concern", _("A general concern or suggestion about the program")
    COMPLIMENT = "compliment", _("A compliment")


class FilerRole(models.TextChoices):
    STUDENT = "student", _("Student")
    GUARDIAN = "guardian", _("Parent or guardian")
    STAFF = "staff", _("School staff")
    COMMUNITY = "community", _("Community member")
    OTHER = "other", _("Other")


class ContactPreference(models.TextChoices):
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    NONE = "none", _("Do not contact me (anonymous)")


class PublicStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    IN_REVIEW = "in_review", _("In review")
    OUTCOME_SENT = "outcome_sent", _("Outcome sent")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReceivedVia(models.TextChoices):
    """How the complaint reached the district: the public form, or staff
    recording what a person told them (see complaints.services.staff_intake)."""

    ONLINE = "online", _("Online form")
    PHONE = "phone", _("Phone call")
    IN_PERSON = "in_person", _("In person")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Forwarded email")


class AllegationCategory(models.TextChoices):
    FORCE = "force", _("Use of force")
    SEARCH = "search", _("Search")
    QUESTIONING = "questioning", _("Questioning")
    ARREST = "arrest", _("Arrest or taking into custody")
    CITATION = "citation", _("Ticket or citation")
    BIAS = "bias", _("Discrimination or bias")
    CONDUCT = "conduct", _("Courtesy or conduct")
    FAILURE_TO_ACT = "failure_to_act", _("Failure to act or respond")
    INFORMATION = "information", _("Sharing of student information")
    OTHER = "other", _("Other")


LANGUAGE_CHOICES = [("en", "English"), ("es", "Español")]


class Complaint(models.Model):
    """What a person filed, exactly as they filed it. The review workflow adds
    its own records; it never rewrites these fields."""

    tracking_code = models.CharField(_("tracking code"), max_length=16, unique=True)
    pin_hash = models.CharField(max_length=128)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    public_status = models.CharField(
        _("status"), max_length=16, choices=PublicStatus.choices, default=PublicStatus.RECEIVED
    )
    school = models.ForeignKey(
        "accounts.School", on_delete=models.PROTECT, related_name="complaints", verbose_name=_("school")
    )
    occurred_on = models.DateField(_("date it happened"))
    occurred_at_time = models.TimeField(_("time it happened"), null=True, blank=True)
    location = models.CharField(_("where it happened"), max_length=200, blank=True)
    officer = models.ForeignKey(
        "accounts.Officer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("officer"),
    )
    filer_role = models.CharField(_("who is filing"), max_length=12, choices=FilerRole.choices)
    filing_for_someone_else = models.BooleanField(_("filing for someone else"), default=False)
    description = models.TextField(_("what happened"))
    witnesses = models.TextField(_("witnesses"), blank=True)
    desired_outcome = models.TextField(_("outcome wanted"), blank=True)
    contact_preference = models.CharField(
        _("contact preference"), max_length=8, choices=ContactPreference.choices, default=ContactPreference.NONE
    )
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=2, choices=LANGUAGE_CHOICES)
    involves_minor = models.BooleanField(_("the person involved is under 18"), default=False)
    guardian_contact = models.TextField(_("parent or guardian to include"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="complaints"
    )
    submission_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("filed at"), auto_now_add=True)
    # When the complainant was last told anything (they must hear at least every 30 days).
    complainant_updated_at = models.DateTimeField(null=True, blank=True)
    received_via = models.CharField(
        _("received via"), max_length=12, choices=ReceivedVia.choices, default=ReceivedVia.ONLINE
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    # The staff member who typed in a complaint received by phone, letter, in person or email.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints_recorded",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["school", "-created_at"], name="complaint_school_created"),
            models.Index(fields=["public_status", "-created_at"], name="complaint_status_created"),
            models.Index(fields=["submitted_by", "-created_at"], name="complaint_filer_created"),
            models.Index(fields=["public_status", "complainant_updated_at"], name="complaint_status_updated"),
            # The complaints list walks the newest first and stops after a page (workflows/review/cases.py).
            models.Index(fields=["-created_at", "-id"], name="complaint_newest"),
        ]

    def __str__(self):
        return self.tracking_code

    @property
    def is_anonymous(self) -> bool:
        return self.contact_preference == ContactPreference.NONE


class TrackingLockout(models.Model):
    """Wrong PINs for one tracking code from one client. Per code AND client, so
    a stranger who saw a code cannot lock the family out. The key is a keyed
    hash of both: no address or code is stored here."""

    key = models.CharField(max_length=64, unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("tracking lock-out")
        verbose_name_plural = _("tracking lock-outs")

    def __str__(self):
        return f"lockout {self.key[:8]}"


class FindingValue(models.TextChoices):
    SUSTAINED = "sustained", _("Sustained")
    NOT_SUSTAINED = "not_sustained", _("Not sustained")
    EXONERATED = "exonerated", _("Exonerated")
    UNFOUNDED = "unfounded", _("Unfounded")
    POLICY = "policy", _("Policy or training issue")
    INFORMAL = "informal", _("Resolved informally")


class Allegation(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="allegations")
    category = models.CharField(_("concern"), max_length=20, choices=AllegationCategory.choices)
    # The coordinator's finding, told to the complainant; the reviews' own findings stay in Finding.
    final_finding = models.CharField(_("final finding"), max_length=16, choices=FindingValue.choices, blank=True)

    class Meta:
        verbose_name = _("allegation")
        verbose_name_plural = _("allegations")
        constraints = [models.UniqueConstraint(fields=["complaint", "category"], name="allegation_once_per_category")]
        # The queue's concern filter asks for the complaints with one category.
        indexes = [models.Index(fields=["category", "complaint"], name="allegation_category")]

    def __str__(self):
        return self.get_category_display()


def _private_upload_path(instance, filename):
    # Random names: the original name is kept in the database only.
    return f"complaints/{instance.complaint_id}/{uuid.uuid4().hex}"


class Audience(models.TextChoices):
    """Who on a case reads a message or note. The coordinator reads them all."""

    PUBLIC = "public", _("Everyone, including the complainant")
    CASE = "case", _("Everyone reviewing the case (school and police)")
    SCHOOL = "school", _("The school review only")
    POLICE = "police", _("The police review only")


class MessageKind(models.TextChoices):
    """What a timeline entry is. Events carry no text of their own: their words
    are translated when the page is shown, in the reader's language."""

    NOTE = "note", _("Message")
    OUT_OF_SCOPE = "out_of_scope", _("Why this is outside our scope")
    OUTCOME = "outcome", _("Outcome letter")
    APPEAL_DECISION = "appeal_decision", _("Appeal decision")
    IN_REVIEW = "in_review", _("Update")
    STILL_OPEN = "still_open", _("Update")
    APPEAL_RECEIVED = "appeal_received", _("Appeal received")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REOPENED = "reopened", _("Reopened")
    DUPLICATE = "duplicate", _("Closed as a duplicate")


EVENT_TEXT = {
    MessageKind.IN_REVIEW: _("Your complaint was routed for review. We will write when there is news."),
    MessageKind.STILL_OPEN: _("Your complaint is still under review. We will write again when there is news."),
    MessageKind.APPEAL_RECEIVED: _("We received your appeal. The district coordinator reviews it."),
    MessageKind.CLOSED: _("Your complaint is closed."),
    MessageKind.WITHDRAWN: _("The complaint was withdrawn by the person who filed it."),
    MessageKind.REOPENED: _("Your complaint was reopened for review. We will write when there is news."),
}


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=_private_upload_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    from_complainant = models.BooleanField(default=True)
    # Files reach the police review only when the coordinator shares them at triage (FERPA).
    shared_with_police = models.BooleanField(_("shared with the police review"), default=False)
    # Staff files (body-camera request letters, school records) have an audience
    # (school, police or everyone on the case); the complainant's files have none.
    audience = models.CharField(_("who may open it"), max_length=8, choices=Audience.choices, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at"]

    def __str__(self):
        return self.original_name


class Message(models.Model):
    """A message on the complaint's timeline. Public messages and the
    complainant's own replies show on the tracking page; the rest are notes
    read only by their audience (see ``Audience``)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    from_complainant = models.BooleanField(default=False)
    audience = models.CharField(_("who reads it"), max_length=8, choices=Audience.choices, default=Audience.PUBLIC)
    kind = models.CharField(max_length=16, choices=MessageKind.choices, default=MessageKind.NOTE)
    body = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["complaint", "audience", "created_at"], name="message_audience_timeline")]

    def __str__(self):
        return f"{self.complaint} @ {self.created_at:%Y-%m-%d}"

    @property
    def event_text(self) -> str:
        """The words of an event entry, in the reader's language ("" for written messages)."""
        return str(EVENT_TEXT.get(self.kind, ""))


class Draft(models.Model):
    """A complaint being written. Reached only through its private link."""

    token = models.CharField(max_length=64, unique=True)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("complaint draft")
        verbose_name_plural = _("complaint drafts")

    def __str__(self):
        return f"draft {self.pk}"


class ReviewKind(models.TextChoices):
    SCHOOL = "school", _("School review")
    POLICE = "police", _("Police review")


class Finding(models.Model):
    """One review's finding on one allegation; school and police record theirs separately."""

    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="findings")
    review = models.CharField(_("review"), max_length=8, choices=ReviewKind.choices)
    value = models.CharField(_("finding"), max_length=16, choices=FindingValue.choices)
    actions_taken = models.TextField(_("actions taken"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [models.UniqueConstraint(fields=["allegation", "review"], name="finding_once_per_review")]

    def __str__(self):
        return f"{self.allegation}: {self.get_value_display()}"


class OutcomeLetter(models.Model):
    """What the complainant is told: the coordinator's letter (plain text, kept
    in paragraphs) beside the final finding of each concern. Published when
    approved (twice, where the district asks for a second approver)."""

    complaint = models.OneToOneField(Complaint, on_delete=models.CASCADE, related_name="outcome_letter")
    body = models.TextField(_("letter"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    second_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    second_approved_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    appeal_until = models.DateField(_("appeal until"), null=True, blank=True)

    class Meta:
        verbose_name = _("outcome letter")
        verbose_name_plural = _("outcome letters")

    def __str__(self):
        return f"outcome {self.complaint}"


class Appeal(models.Model):
    """The complainant's appeal of a published outcome; a complaint reopened and decided again can be appealed
    again, so a complaint may have several (the current one is filed after the current letter's publication)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="appeals")
    reason = models.TextField(_("why do you disagree with the outcome?"))
    created_at = models.DateTimeField(auto_now_add=True)
    decision = models.TextField(_("appeal decision"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self):
        return f"appeal {self.complaint}"


class Recusal(models.Model):
    """A person who must never see or act on this complaint (conflict of interest)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="recusals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recusals", verbose_name=_("person")
    )
    reason = models.CharField(_("reason"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [models.UniqueConstraint(fields=["complaint", "user"], name="recusal_once")]

    def __str__(self):
        return f"{self.user} recused from {self.complaint}"


class LinkKind(models.TextChoices):
    RELATED = "related", _("About the same incident")
    DUPLICATE = "duplicate", _("Duplicate")


class ComplaintLink(models.Model):
    """Two complaints about the same incident, or ``complaint`` a duplicate of
    ``other`` (the duplicate is closed; both keep their history). Stored once
    per pair; a related link reads the same from either side."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="links")
    other = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(_("how they are related"), max_length=12, choices=LinkKind.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("related complaint")
        verbose_name_plural = _("related complaints")
        constraints = [
            models.UniqueConstraint(fields=["complaint", "other"], name="complaint_link_once"),
            models.CheckConstraint(condition=~models.Q(complaint=models.F("other")), name="complaint_link_not_self"),
        ]

    def __str__(self):
        return f"{self.complaint_id} {self.kind} {self.other_id}"


# The audit log files events under a district so each coordinator sees their own.
Message.audit_district_id = property(lambda self: self.complaint.school.district_id)
Attachment.audit_district_id = property(lambda self: self.complaint.school.district_id)
Recusal.audit_district_id = property(lambda self: self.complaint.school.district_id)
ComplaintLink.audit_district_id = property(lambda self: self.complaint.school.district_id)
Appeal.audit_district_id = property(lambda self: self.complaint.school.district_id)
