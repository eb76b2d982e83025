"""People who signed up for a session (or walked in), and their seat."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PENDING_CONSENT = "pending_consent", _("Waiting for a guardian's consent")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


# Registrations that hold a seat.
SEATED = (RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING_CONSENT)


class ConsentMethod(models.TextChoices):
    LINK = "link", _("Guardian's consent link")
    PAPER = "paper", _("Paper form recorded by the facilitator")


class Attendance(models.TextChoices):
    UNKNOWN = "", _("Not recorded")
    PRESENT = "present", _("Checked in")
    NO_SHOW = "no_show", _("Did not come")


class Registration(models.Model):
    """Contact details are read by the session's coordinator and facilitators
    only (accounts.rules.SessionRule.CONTACTS); the public sees seats left.
    Tokens are stored as keyed hashes: the link in the mail is the only copy."""

    session = models.ForeignKey("feedback.Session", on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("mobile number"), max_length=40, blank=True)
    school = models.ForeignKey(
        "accounts.School", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("school")
    )
    grade = models.CharField(_("grade"), max_length=20, blank=True)
    group = models.CharField(_("student group"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    needs = models.TextField(_("accommodation or interpreter needs"), blank=True)
    is_minor = models.BooleanField(_("under 18"), default=False)
    guardian_name = models.CharField(_("guardian's name"), max_length=200, blank=True)
    guardian_email = models.EmailField(_("guardian's email"), blank=True)
    status = models.CharField(max_length=20, choices=RegistrationStatus.choices)
    reserved_seat = models.BooleanField(default=False)
    hold_until = models.DateTimeField(null=True, blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_method = models.CharField(max_length=10, choices=ConsentMethod.choices, blank=True)
    consent_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    manage_token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["session", "status", "created_at"], name="registration_session_status"),
            models.Index(fields=["status", "hold_until"], name="registration_hold"),
        ]

    def __str__(self):
        return f"{self.name} ({self.session_id})"

    @property
    def audit_district_id(self):
        return self.session.district_id
