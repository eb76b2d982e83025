"""Months of a school's SRO records that the monthly review accepted: nothing dated in them changes any more."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import School


class LockedMonth(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+", verbose_name=_("school"))
    month = models.DateField(_("month (its first day)"))
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("locked month")
        verbose_name_plural = _("locked months")
        ordering = ["-month", "school"]
        constraints = [models.UniqueConstraint(fields=["school", "month"], name="locked_month_once_per_school")]

    def __str__(self):
        return f"{self.school} {self.month:%Y-%m}"
