"""The review workflow's own records: the viewflow process of each complaint
and the due date of each human task."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process, Task


class Route(models.TextChoices):
    SCHOOL = "school", _("School review (school-discipline matter)")
    POLICE = "police", _("Police review (SRO-conduct matter)")
    BOTH = "both", _("Both reviews, in parallel")
    OUT_OF_SCOPE = "out_of_scope", _("Outside scope (close with an explanation)")


class ComplaintProcess(Process):
    """One complaint's run through ComplaintFlow."""

    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.PROTECT, related_name="process")
    route = models.CharField(_("route"), max_length=16, choices=Route.choices, blank=True)
    emergency = models.BooleanField(_("emergency"), default=False)
    scope_explanation = models.TextField(_("explanation"), blank=True)
    appealed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("complaint review")
        verbose_name_plural = _("complaint reviews")

    @property
    def needs_school_review(self) -> bool:
        return self.route in {Route.SCHOOL, Route.BOTH}

    @property
    def needs_police_review(self) -> bool:
        return self.route in {Route.POLICE, Route.BOTH}


class TaskDue(models.Model):
    """When a human task is due (counted in school days) and whether it was escalated."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="due")
    due_at = models.DateTimeField(_("due"), db_index=True)
    escalated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.task_id} due {self.due_at:%Y-%m-%d}"
