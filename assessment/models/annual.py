"""The annual assessment of one district's school year: goals, principals' work plans, and the
viewflow process that compiles the evidence, gathers both partners' scores, the advisory team's
review and the approvals (assessment.flows.AnnualAssessmentFlow)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process, Task

from core.schoolyear import school_year_label


class GoalStatus(models.TextChoices):
    NOT_YET = "not_yet", _("Not measured yet")
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class Goal(models.Model):
    """A goal or objective of the program for a school year, how it is measured and what happened."""

    district = models.ForeignKey("accounts.District", on_delete=models.CASCADE, related_name="+")
    school_year = models.PositiveSmallIntegerField(_("school year"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_en = models.CharField(_("goal (English)"), max_length=300)
    title_es = models.CharField(_("goal (Spanish)"), max_length=300, blank=True)
    measure_en = models.CharField(_("how it is measured (English)"), max_length=300, blank=True)
    measure_es = models.CharField(_("how it is measured (Spanish)"), max_length=300, blank=True)
    result_en = models.TextField(_("result (English)"), blank=True)
    result_es = models.TextField(_("result (Spanish)"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.NOT_YET)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["district", "school_year", "position", "pk"]

    def __str__(self):
        return self.title_en


class WorkPlanTask(models.Model):
    """One task of the work plan agreed between the agency and a school's principal."""

    school = models.ForeignKey("accounts.School", on_delete=models.CASCADE, related_name="+", verbose_name=_("school"))
    school_year = models.PositiveSmallIntegerField(_("school year"))
    text = models.CharField(_("task"), max_length=300)
    done = models.BooleanField(_("done"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("work plan task")
        verbose_name_plural = _("work plan tasks")
        ordering = ["school", "school_year", "pk"]

    def __str__(self):
        return self.text


class Stage(models.TextChoices):
    EVIDENCE = "evidence", _("Compiling the evidence")
    SCORING = "scoring", _("Scoring (district and agency, each on their own)")
    RECONCILING = "reconciling", _("Reconciling the scores")
    ADVISORY = "advisory", _("Advisory team review")
    APPROVAL = "approval", _("Approval")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class AnnualProcess(Process):
    """One district's assessment of one school year."""

    district = models.ForeignKey("accounts.District", on_delete=models.PROTECT, related_name="+")
    school_year = models.PositiveSmallIntegerField(_("school year"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.EVIDENCE)
    # The criteria scored, fixed when the year opens: a criterion added or retired later counts from the next year.
    criteria = models.JSONField(default=list, blank=True)
    evidence = models.JSONField(default=dict, blank=True)
    evidence_compiled_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)
    release_id = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")
        constraints = [
            models.UniqueConstraint(fields=["district", "school_year"], name="assessment_one_annual_per_year")
        ]

    def __str__(self):
        return str(_("Assessment %(year)s") % {"year": self.year_label})

    @property
    def year_label(self) -> str:
        return school_year_label(self.school_year)

    def scored_criteria(self):
        """The criteria this assessment scores, in the rubric's order, with their levels."""
        from assessment.models.rubric import Criterion

        return Criterion.objects.filter(pk__in=self.criteria).order_by("position", "pk").prefetch_related("levels")


class Side(models.TextChoices):
    DISTRICT = "district", _("District")
    AGENCY = "agency", _("Agency")


class Score(models.Model):
    """One side's score of one criterion; the other side never reads it before both have scored."""

    assessment = models.ForeignKey(AnnualProcess, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey("assessment.Criterion", on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=8, choices=Side.choices)
    score = models.PositiveSmallIntegerField(_("score"))
    note = models.TextField(_("note"), blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scored_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion", "side"], name="assessment_score_once_per_side")
        ]

    def __str__(self):
        return f"{self.side} {self.criterion_id}: {self.score}"

    @property
    def audit_district_id(self):
        return self.assessment.district_id


class AgreedScore(models.Model):
    """The score both partners agreed on after seeing each other's."""

    assessment = models.ForeignKey(AnnualProcess, on_delete=models.CASCADE, related_name="agreed_scores")
    criterion = models.ForeignKey("assessment.Criterion", on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("agreed score"))
    note = models.TextField(_("note"), blank=True)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("agreed score")
        verbose_name_plural = _("agreed scores")
        constraints = [models.UniqueConstraint(fields=["assessment", "criterion"], name="assessment_agreed_once")]

    def __str__(self):
        return f"{self.criterion_id}: {self.score}"


class AdvisoryNoteKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    RECOMMENDATION = "recommendation", _("Recommendation")


class AdvisoryNote(models.Model):
    """A comment or a recommendation of the SRO Advisory Team."""

    assessment = models.ForeignKey(AnnualProcess, on_delete=models.CASCADE, related_name="advisory_notes")
    kind = models.CharField(_("kind"), max_length=16, choices=AdvisoryNoteKind.choices)
    body = models.TextField(_("text"), max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("advisory team note")
        verbose_name_plural = _("advisory team notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.get_kind_display()

    @property
    def audit_district_id(self):
        return self.assessment.district_id


class SignOff(models.Model):
    """An advisory member's sign-off, or their dissent with its reason."""

    assessment = models.ForeignKey(AnnualProcess, on_delete=models.CASCADE, related_name="sign_offs")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agrees = models.BooleanField(_("signs off"))
    reason = models.TextField(_("reason for the dissent"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("advisory sign-off")
        verbose_name_plural = _("advisory sign-offs")
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "member"], name="assessment_sign_off_once")]

    def __str__(self):
        return f"{self.member_id}: {'agrees' if self.agrees else 'dissents'}"

    @property
    def audit_district_id(self):
        return self.assessment.district_id


class Approver(models.TextChoices):
    SUPERINTENDENT = "superintendent", _("Superintendent")
    AGENCY_HEAD = "agency_head", _("Agency head")


class Approval(models.Model):
    assessment = models.ForeignKey(AnnualProcess, on_delete=models.CASCADE, related_name="approvals")
    approver = models.CharField(max_length=16, choices=Approver.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["at", "pk"]
        constraints = [models.UniqueConstraint(fields=["assessment", "approver"], name="assessment_approved_once")]

    def __str__(self):
        return self.approver


class AnnualTaskDue(models.Model):
    """When a human task of the annual assessment is due (in school days), escalated and reminded."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="annual_due")
    due_at = models.DateTimeField(db_index=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assessment step deadline")
        verbose_name_plural = _("assessment step deadlines")

    def __str__(self):
        return f"{self.task_id} due {self.due_at:%Y-%m-%d}"
