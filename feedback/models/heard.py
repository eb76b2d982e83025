"""What we heard at a session: themes and short quotes, reviewed before the advisory team reads them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A theme of the district's list; rows without a district are the seeded
    list every district starts with."""

    district = models.ForeignKey(
        "accounts.District", on_delete=models.CASCADE, null=True, blank=True, related_name="session_themes"
    )
    name_en = models.CharField(_("theme (English)"), max_length=120)
    name_es = models.CharField(_("theme (Spanish)"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name_en"]

    def __str__(self):
        return self.name_en


class HeardStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for the coordinator's review")
    APPROVED = "approved", _("Approved for the advisory team")
    RETURNED = "returned", _("Returned to the facilitator")


class HeardItem(models.Model):
    """One thing heard. A quote (``is_quote``) is shown inside quote marks and
    is verbatim: any change to its words turns it into a paraphrase
    (``heard_item_change``), which is shown without quote marks."""

    session = models.ForeignKey("feedback.Session", on_delete=models.CASCADE, related_name="heard_items")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="items", verbose_name=_("theme"))
    text = models.TextField(_("what was said"), max_length=600)
    is_quote = models.BooleanField(_("verbatim quote"), default=True)
    names_removed = models.BooleanField(_("names and identifying details removed"), default=False)
    status = models.CharField(max_length=12, choices=HeardStatus.choices, default=HeardStatus.SUBMITTED)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("what we heard")
        verbose_name_plural = _("what we heard")
        ordering = ["session", "theme", "pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def audit_district_id(self):
        return self.session.district_id
