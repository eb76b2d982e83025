"""What the monthly review adds to SRO records: a district's notification deadlines and the written
resolution of each MOU flag (issue 13, "MOU checks")."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import District


class NoticeDeadline(models.Model):
    """How long after an arrest or custody the district allows to tell the principal and the guardian.

    Empty means the district sets no deadline (no flag). The events record their day, not their hour, so a
    deadline counts from the end of the event's day (UTC): the reading most favourable to the officer.
    """

    district = models.OneToOneField(
        District, on_delete=models.CASCADE, related_name="notice_deadline", verbose_name=_("district")
    )
    principal_within = models.DurationField(_("principal told within"), null=True, blank=True)
    guardian_within = models.DurationField(_("parent or guardian told within"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification deadline")
        verbose_name_plural = _("notification deadlines")

    def __str__(self):
        return str(self.district)


class FlagResolution(models.Model):
    """The written resolution of one MOU flag on one event (one per event and flag code)."""

    event = models.ForeignKey(
        "activity.EnforcementEvent",
        on_delete=models.CASCADE,
        related_name="flag_resolutions",
        verbose_name=_("enforcement event"),
    )
    code = models.CharField(_("flag"), max_length=60)
    text = models.TextField(_("resolution"))
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("resolved by")
    )
    resolved_at = models.DateTimeField(_("resolved at"))

    class Meta:
        verbose_name = _("flag resolution")
        verbose_name_plural = _("flag resolutions")
        ordering = ["event", "code"]
        constraints = [models.UniqueConstraint(fields=["event", "code"], name="flag_resolution_once_per_flag")]

    def __str__(self):
        return f"{self.event_id}:{self.code}"

    @property
    def audit_district_id(self):
        return self.event.school.district_id
