"""The district's assessment rubric: criteria, each with its levels and the evidence it points to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RubricSection(models.TextChoices):
    """The federal SECURe checklists and the model MOU's items the default rubric is built from."""

    MOU = "mou", _("Memorandum of understanding")
    CIVIL_RIGHTS = "civil_rights", _("Civil rights")
    HIRING = "hiring", _("Hiring and assignment")
    TRAINING = "training", _("Training")
    EVALUATION = "evaluation", _("Continual evaluation")
    MOU_ITEMS = "mou_items", _("Model MOU items")


class EvidenceSection(models.TextChoices):
    """The sections of the evidence pack (assessment.services.evidence); a criterion points to some of them."""

    GOALS = "goals", _("Goals and objectives")
    CONTACTS = "contacts", _("Police-citizen contacts")
    FEEDBACK = "feedback", _("Community feedback")
    WORK_PLANS = "work_plans", _("Principals' work plans")
    TRAINING = "training", _("Training compliance")
    PARTNERS = "partners", _("Partner feedback")


class Criterion(models.Model):
    """One thing the rubric scores, for one district."""

    district = models.ForeignKey(
        "accounts.District", on_delete=models.CASCADE, related_name="rubric_criteria", verbose_name=_("district")
    )
    code = models.SlugField(_("code"), max_length=40)
    section = models.CharField(_("section"), max_length=20, choices=RubricSection.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_en = models.CharField(_("criterion (English)"), max_length=300)
    title_es = models.CharField(_("criterion (Spanish)"), max_length=300, blank=True)
    evidence = models.JSONField(_("evidence it points to"), default=list, blank=True)
    active = models.BooleanField(_("scored"), default=True)

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["district", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["district", "code"], name="assessment_criterion_code_unique")]

    def __str__(self):
        return self.title_en

    def evidence_labels(self) -> list[str]:
        labels = dict(EvidenceSection.choices)
        return [str(labels[key]) for key in self.evidence if key in labels]


class Level(models.Model):
    """A score a criterion can get, with what it means."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="levels")
    score = models.PositiveSmallIntegerField(_("score"))
    label_en = models.CharField(_("level (English)"), max_length=80)
    label_es = models.CharField(_("level (Spanish)"), max_length=80, blank=True)
    description_en = models.TextField(_("what it looks like (English)"), blank=True)
    description_es = models.TextField(_("what it looks like (Spanish)"), blank=True)

    class Meta:
        verbose_name = _("rubric level")
        verbose_name_plural = _("rubric levels")
        ordering = ["criterion", "score"]
        constraints = [models.UniqueConstraint(fields=["criterion", "score"], name="assessment_level_score_unique")]

    def __str__(self):
        return f"{self.score} {self.label_en}"

    @property
    def audit_district_id(self):
        return self.criterion.district_id
