"""A district's retention periods and the legal holds that stop a complaint's purge."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RecordType(models.TextChoices):
    CLOSED_COMPLAINTS = "closed_complaints", _("Closed complaints (with their whole file)")
    ATTACHMENTS = "attachments", _("Files attached to closed complaints")
    MESSAGES = "messages", _("Written messages and notes on closed complaints")
    MAIL_BODIES = "mail_bodies", _("Contents of mail sent")
    AUDIT_EVENTS = "audit_events", _("Audit log entries")
    SURVEY_INVITATIONS = "survey_invitations", _("Survey invitations (addresses) after the survey closes")


class RetentionRule(models.Model):
    """How many months one record type is kept in one district, counted from when it ended (closure, sending,
    the event itself, the survey's close). A district without a row uses ``schedule.DEFAULT_MONTHS``."""

    district = models.ForeignKey(
        "accounts.District", on_delete=models.CASCADE, related_name="retention_rules", verbose_name=_("district")
    )
    record_type = models.CharField(_("record type"), max_length=24, choices=RecordType.choices)
    months = models.PositiveIntegerField(_("months kept"), validators=[MinValueValidator(1), MaxValueValidator(1200)])

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [models.UniqueConstraint(fields=["district", "record_type"], name="retention_rule_once_per_type")]

    def __str__(self):
        return f"{self.district}: {self.get_record_type_display()} {self.months}"

    @property
    def audit_district_id(self):
        return self.district_id


class LegalHold(models.Model):
    """While a hold is in force (not lifted), nothing of its complaint is purged: file, messages, audit entries."""

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, related_name="legal_holds", verbose_name=_("complaint")
    )
    reason = models.TextField(_("reason"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("placed by")
    )
    placed_at = models.DateTimeField(_("placed at"), auto_now_add=True)
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lift_reason = models.TextField(_("why it was lifted"), blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at"]
        indexes = [models.Index(fields=["complaint"], condition=Q(lifted_at__isnull=True), name="legal_hold_active")]

    def __str__(self):
        return f"{self.complaint} ({self.placed_at:%Y-%m-%d})"

    @property
    def audit_district_id(self):
        return self.complaint.school.district_id
