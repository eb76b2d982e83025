"""MOU partner feedback: each semester's round, the MOU commitments its
questions check, and the coordinator's written answers to concerns.

The questions, taking and answers are the survey engine's: a round has two
surveys (purpose ``partner_feedback``), one for SROs about the school
partnership and one for school administrators and staff about the SRO
partnership. A question's code starts with the commitment's code."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerSide(models.TextChoices):
    SRO = "sro", _("SROs, on the school partnership")
    SCHOOL = "school", _("School administrators and staff, on the SRO partnership")


class MouCommitment(models.Model):
    """A commitment of the MOU and the clause it comes from (seeded, bilingual)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    clause = models.CharField(_("MOU clause"), max_length=40)
    text_en = models.CharField(_("commitment (English)"), max_length=300)
    text_es = models.CharField(_("commitment (Spanish)"), max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("MOU commitment")
        verbose_name_plural = _("MOU commitments")
        ordering = ["position", "code"]

    def __str__(self):
        return f"{self.clause} {self.code}"


class PartnerRound(models.Model):
    district = models.ForeignKey("accounts.District", on_delete=models.PROTECT, related_name="partner_rounds")
    label = models.CharField(_("semester"), max_length=60)
    sro_survey = models.OneToOneField(
        "surveys.Survey", on_delete=models.PROTECT, related_name="partner_round_sro", verbose_name=_("SRO form")
    )
    school_survey = models.OneToOneField(
        "surveys.Survey", on_delete=models.PROTECT, related_name="partner_round_school", verbose_name=_("school form")
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner feedback round")
        verbose_name_plural = _("partner feedback rounds")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["district", "label"], name="partner_round_label_unique")]

    def __str__(self):
        return self.label


class ConcernReply(models.Model):
    """The coordinator's written answer to a concern (a partner form's concern
    answer). A concern without one is open."""

    answer = models.OneToOneField("surveys.Answer", on_delete=models.CASCADE, related_name="concern_reply")
    text = models.TextField(_("written response"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("response to a concern")
        verbose_name_plural = _("responses to concerns")

    def __str__(self):
        return str(self.pk)
