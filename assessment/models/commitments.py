"""You said, we did: a community concern or recommendation, where it came from, what the district does about it,
and a dated timeline of each update."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import pick


class SourceKind(models.TextChoices):
    """Where a concern came from; the reference is an id or a code of that kind. A theme, a survey question and a
    complaint concern are named on the public page by their own (translated) name; the others by the label written
    for them in English and Spanish."""

    SESSION_THEME = "session_theme", _("Dialogue session theme")
    SURVEY_ITEM = "survey_item", _("Survey question")
    COMPLAINT_CATEGORY = "complaint_category", _("Complaint concern")
    ADVISORY = "advisory", _("Advisory team recommendation")
    PARTNER_CONCERN = "partner_concern", _("Partner feedback concern")


class CommitmentStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_TAKEN = "not_taken", _("Not taken forward")


class Commitment(models.Model):
    """One concern and the action taken. Shown on the public page once ``published``."""

    district = models.ForeignKey(
        "accounts.District", on_delete=models.PROTECT, related_name="commitments", verbose_name=_("district")
    )
    school_year = models.PositiveSmallIntegerField(_("school year"), help_text=_("The year it starts, e.g. 2026."))
    concern_en = models.TextField(_("what we heard (English)"), max_length=600)
    concern_es = models.TextField(_("what we heard (Spanish)"), max_length=600, blank=True)
    source_kind = models.CharField(_("where it came from"), max_length=20, choices=SourceKind.choices)
    source_ref = models.CharField(
        _("reference"), max_length=60, blank=True, help_text=_("The theme's number, the question's code, …")
    )
    source_label_en = models.CharField(
        _("source label (English)"),
        max_length=200,
        blank=True,
        help_text=_(
            "Shown on the public page when the reference names no session theme, survey question or complaint "
            "concern (those are shown by their own name)."
        ),
    )
    source_label_es = models.CharField(_("source label (Spanish)"), max_length=200, blank=True)
    action_en = models.TextField(_("what we do (English)"), max_length=1000)
    action_es = models.TextField(_("what we do (Spanish)"), max_length=1000, blank=True)
    owner_en = models.CharField(
        _("owner (English)"), max_length=200, help_text=_("Who answers for it, e.g. a role or an office.")
    )
    owner_es = models.CharField(_("owner (Spanish)"), max_length=200, blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CommitmentStatus.choices, default=CommitmentStatus.PLANNED
    )
    published = models.BooleanField(_("shown on the public page"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-school_year", "due_on", "pk"]
        indexes = [models.Index(fields=["district", "school_year", "status"], name="commitment_year_status")]

    def __str__(self):
        return self.concern_en[:80]

    @property
    def concern(self) -> str:
        return pick(self, "concern")

    @property
    def action(self) -> str:
        return pick(self, "action")

    @property
    def owner(self) -> str:
        return pick(self, "owner")

    @property
    def source_name(self) -> str:
        """Where it came from, in the reader's language: the source's own name when
        ``assessment.services.commitments.source_names_attach`` found one, else the label written for it."""
        return getattr(self, "named_source", "") or pick(self, "source_label")


class CommitmentUpdate(models.Model):
    """One dated entry of a commitment's timeline (public with the commitment)."""

    commitment = models.ForeignKey(Commitment, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    text_en = models.TextField(_("update (English)"), max_length=1000)
    text_es = models.TextField(_("update (Spanish)"), max_length=1000, blank=True)
    status = models.CharField(
        _("status after this update"), max_length=12, choices=CommitmentStatus.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("commitment update")
        verbose_name_plural = _("commitment updates")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date.isoformat()} {self.text_en[:60]}"

    @property
    def text(self) -> str:
        return pick(self, "text")

    @property
    def audit_district_id(self):
        return self.commitment.district_id
