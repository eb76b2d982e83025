"""The monthly review of a school's SRO records (issue 13): its viewflow process and each officer's certification."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class MonthlyReview(Process):
    """One school's month under review: certified by its SROs, reviewed by the school, accepted by the district."""

    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+", verbose_name=_("school"))
    month = models.DateField(_("month (its first day)"))
    ends_on = models.DateField(_("last day of the month"))
    # Each return to the officers starts a new round of certifications.
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    sent_back = models.BooleanField(_("sent back for correction"), default=False)
    sent_back_reason = models.TextField(_("reason for sending back"), blank=True)
    comments = models.TextField(_("school administrator's comments"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("monthly review")
        verbose_name_plural = _("monthly reviews")
        constraints = [models.UniqueConstraint(fields=["school", "month"], name="monthly_review_once_per_month")]
        indexes = [models.Index(fields=["month", "school"], name="monthly_review_month")]

    def __str__(self):
        return f"{self.school} {self.month:%Y-%m}"

    @property
    def audit_district_id(self):
        return self.school.district_id


class MonthlyCertification(models.Model):
    """An officer rostered at the school certified their records of the month (in one round)."""

    review = models.ForeignKey(MonthlyReview, on_delete=models.CASCADE, related_name="certifications")
    round = models.PositiveSmallIntegerField(_("round"))
    officer = models.ForeignKey("accounts.Officer", on_delete=models.PROTECT, related_name="+")
    certified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    certified_at = models.DateTimeField(_("certified at"))

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        ordering = ["review", "round", "certified_at"]
        constraints = [
            models.UniqueConstraint(fields=["review", "round", "officer"], name="monthly_certified_once_per_round")
        ]

    def __str__(self):
        return f"{self.review} {self.officer_id} round {self.round}"
