"""Every email the site sends, what SendGrid said about it, and who asked not to get which mails."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.catalogue import CATALOGUE, PROBLEM_EVENTS


class OutboundStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Being sent")
    RETRYING = "retrying", _("Waiting to try again")
    UNKNOWN = "unknown", _("Sent, not yet confirmed")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SUPPRESSED = "suppressed", _("Not sent (recipient's choice)")


# Mail that should still go out (or may have gone out but is not confirmed).
UNSENT_STATUSES = (OutboundStatus.QUEUED, OutboundStatus.SENDING, OutboundStatus.RETRYING, OutboundStatus.UNKNOWN)
# What may be sent again by hand: mail that failed, or that is unconfirmed and past its automatic tries
# (resending an unconfirmed mail still inside its confirmation window could only add a copy).
RESENDABLE = models.Q(status=OutboundStatus.FAILED) | models.Q(
    status=OutboundStatus.UNKNOWN, next_attempt_at__isnull=True
)


class OutboundEmail(models.Model):
    """One message, identified by its key: enqueueing the same key twice sends
    it once, and every try carries the key (header X-CG-Key, SendGrid custom
    argument cg_key) so the Event Webhook's reports find their message.

    A worker claims a mail (status SENDING until ``lease_until``), sends it
    outside any transaction, then records what happened. ``next_attempt_at``
    is when the next try (or, for UNKNOWN, the end of the confirmation window)
    is due; None for an UNKNOWN mail means no more automatic tries.
    ``retry_since`` starts the retry window (reset by a coordinator's resend).
    """

    key = models.CharField(max_length=200, unique=True)
    template = models.CharField(max_length=40)
    to_email = models.EmailField(db_index=True)
    language = models.CharField(max_length=8, default="en")
    context = models.JSONField(default=dict)
    essential = models.BooleanField(default=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    district = models.ForeignKey("accounts.District", on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(max_length=12, choices=OutboundStatus.choices, default=OutboundStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_event = models.CharField(max_length=30, blank=True)
    # The time of the newest webhook event applied: an older event never overwrites a newer one.
    last_event_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    retry_since = models.DateTimeField(default=timezone.now)
    # Tries that got no answer (each may have been delivered): automatic resends after them are bounded.
    unanswered_tries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("outbound email")
        verbose_name_plural = _("outbound emails")
        indexes = [
            models.Index(fields=["district", "status", "-created_at"], name="outbound_district_status"),
            models.Index(fields=["status", "next_attempt_at"], name="outbound_status_next"),
        ]

    def __str__(self):
        return f"{self.template} to {self.to_email} ({self.status})"

    @property
    def can_resend(self) -> bool:
        """The object side of RESENDABLE."""
        return self.status == OutboundStatus.FAILED or (
            self.status == OutboundStatus.UNKNOWN and self.next_attempt_at is None
        )

    @property
    def kind_label(self) -> str:
        """What the mail is, in the reader's language (its catalogue description)."""
        entry = CATALOGUE.get(self.template)
        return str(entry[1]) if entry else self.template


class DeliveryEvent(models.Model):
    """One event from SendGrid's Event Webhook (delivered, bounce, dropped, spamreport…)."""

    outbound = models.ForeignKey(OutboundEmail, on_delete=models.SET_NULL, null=True, related_name="events")
    email = models.EmailField()
    event = models.CharField(max_length=30)
    sg_event_id = models.CharField(max_length=100, unique=True)
    occurred_at = models.DateTimeField()
    reason = models.TextField(blank=True)

    class Meta:
        verbose_name = _("delivery event")
        verbose_name_plural = _("delivery events")

    def __str__(self):
        return f"{self.event} {self.email}"


class AddressProblem(models.Model):
    """An address that bounced, was dropped or reported spam: staff can see the
    person did not get their mail."""

    email = models.EmailField(unique=True)
    event = models.CharField(max_length=30)
    reason = models.TextField(blank=True)
    since = models.DateTimeField()

    class Meta:
        verbose_name = _("address problem")
        verbose_name_plural = _("address problems")

    def __str__(self):
        return f"{self.email}: {self.event}"

    @property
    def event_label(self) -> str:
        """The problem in the reader's language."""
        return str(PROBLEM_EVENTS.get(self.event, self.event))


class Unsubscribe(models.Model):
    """A recipient's choice not to get one kind of non-essential mail."""

    email = models.EmailField()
    template = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("unsubscription")
        verbose_name_plural = _("unsubscriptions")
        constraints = [models.UniqueConstraint(fields=["email", "template"], name="unsubscribe_once")]

    def __str__(self):
        return f"{self.email} ✕ {self.template}"
