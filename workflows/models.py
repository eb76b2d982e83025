"""The review workflow's records: school closures and deadline numbers per
district, the viewflow process of each complaint, and each human task's due date."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.fields import TaskReferenceField
from viewflow.workflow.models import Process, Task


class DeadlineStep(models.TextChoices):
    TRIAGE = "triage", _("Triage")
    SCHOOL_REVIEW = "school_review", _("School review")
    POLICE_REVIEW = "police_review", _("Police review")
    OUTCOME = "outcome", _("Outcome letter")
    APPEAL_WINDOW = "appeal_window", _("Appeal window")
    APPEAL_REVIEW = "appeal_review", _("Appeal review")


class ClosureKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    BREAK = "break", _("Break")
    OTHER = "other", _("Other closure")


class SchoolCalendarClosure(models.Model):
    """Days the district's schools are closed, inclusive; they never count as school days."""

    district = models.ForeignKey(
        "accounts.District", on_delete=models.CASCADE, related_name="closures", verbose_name=_("district")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ClosureKind.choices, default=ClosureKind.HOLIDAY)
    starts_on = models.DateField(_("first day closed"))
    ends_on = models.DateField(_("last day closed"))

    class Meta:
        verbose_name = _("school closure")
        verbose_name_plural = _("school closures")
        ordering = ["starts_on", "ends_on", "pk"]
        # The calendar service asks for a district's closures overlapping a range.
        indexes = [models.Index(fields=["district", "ends_on", "starts_on"], name="workflows_closure_range_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="workflows_closure_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.starts_on:%Y-%m-%d}–{self.ends_on:%Y-%m-%d})"

    def clean(self):
        # Every deadline counted in school days jumps over a closure: a span of years (a typo in a year) would
        # push all new deadlines, and their escalations, that far out.
        if self.starts_on and self.ends_on and self.ends_on >= self.starts_on:
            length = (self.ends_on - self.starts_on).days + 1
            limit = settings.CALENDAR_CLOSURE_MAX_DAYS
            if length > limit:
                message = _(
                    "A closure can last at most %(limit)d days; this one lasts %(length)d days. Check the years."
                )
                raise ValidationError({"ends_on": message % {"limit": limit, "length": length}})


_DAYS = [MinValueValidator(1), MaxValueValidator(365)]


# Module-level functions so migrations can reference them; they read the
# settings when a row is created, so the environment decides new districts' numbers.
def default_acknowledge_days() -> int:
    """Kept only because migration 0001 names it; the field it served is gone."""
    return 2


def default_triage_days() -> int:
    return settings.WORKFLOW_DEADLINE_DEFAULTS["triage"]


def default_school_review_days() -> int:
    return settings.WORKFLOW_DEADLINE_DEFAULTS["school_review"]


def default_police_review_days() -> int:
    return settings.WORKFLOW_DEADLINE_DEFAULTS["police_review"]


def default_outcome_days() -> int:
    return settings.WORKFLOW_DEADLINE_DEFAULTS["outcome"]


def default_appeal_window_days() -> int:
    return settings.WORKFLOW_DEADLINE_DEFAULTS["appeal_window"]


def default_appeal_review_days() -> int:
    return settings.WORKFLOW_DEADLINE_DEFAULTS["appeal_review"]


class DeadlinePolicy(models.Model):
    """A district's deadlines in school days. Districts without a row use the settings' defaults."""

    district = models.OneToOneField(
        "accounts.District", on_delete=models.CASCADE, related_name="deadline_policy", verbose_name=_("district")
    )
    triage_days = models.PositiveSmallIntegerField(
        DeadlineStep.TRIAGE.label, default=default_triage_days, validators=_DAYS
    )
    school_review_days = models.PositiveSmallIntegerField(
        DeadlineStep.SCHOOL_REVIEW.label, default=default_school_review_days, validators=_DAYS
    )
    police_review_days = models.PositiveSmallIntegerField(
        DeadlineStep.POLICE_REVIEW.label, default=default_police_review_days, validators=_DAYS
    )
    outcome_days = models.PositiveSmallIntegerField(
        DeadlineStep.OUTCOME.label, default=default_outcome_days, validators=_DAYS
    )
    appeal_window_days = models.PositiveSmallIntegerField(
        DeadlineStep.APPEAL_WINDOW.label, default=default_appeal_window_days, validators=_DAYS
    )
    appeal_review_days = models.PositiveSmallIntegerField(
        DeadlineStep.APPEAL_REVIEW.label, default=default_appeal_review_days, validators=_DAYS
    )

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")

    def __str__(self):
        return str(_("Deadlines for %(district)s") % {"district": self.district})

    def days_for(self, step: str) -> int:
        """The number of school days allowed for ``step`` (a DeadlineStep value)."""
        if step not in DeadlineStep.values:
            raise ValueError(f"Unknown deadline step {step!r}")
        return getattr(self, f"{step}_days")


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

    class Meta:
        verbose_name = _("complaint review")
        verbose_name_plural = _("complaint reviews")

    @property
    def needs_school_review(self) -> bool:
        return self.route in {Route.SCHOOL, Route.BOTH}

    @property
    def needs_police_review(self) -> bool:
        return self.route in {Route.POLICE, Route.BOTH}

    @property
    def needs_second_approval(self) -> bool:
        return self.complaint.school.district.outcome_second_approval


class TaskDue(models.Model):
    """When a human task is due (counted in school days) and whether it was escalated."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, related_name="due")
    due_at = models.DateTimeField(_("due"), db_index=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review step deadline")
        verbose_name_plural = _("review step deadlines")
        indexes = [
            # The queue's keyset pages walk (due_at, task) in order and stop after 25 rows.
            models.Index(fields=["due_at", "task"], name="workflows_taskdue_queue_order"),
            # "Only overdue or escalated": the escalated few, found without a scan.
            models.Index(
                fields=["escalated_at"],
                name="workflows_taskdue_escalated",
                condition=models.Q(escalated_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.task_id} due {self.due_at:%Y-%m-%d}"


class QueueEntry(models.Model):
    """One open human task of a complaint review, with the task and complaint
    facts the queue and the access rules read (copied, kept in step by
    workflows.review.queue_entries).

    The review queue counts and pages over these rows instead of walking task ->
    process -> complaint -> school for every open task; an entry reads like its
    complaint to accounts.rules (``school``, ``officer``, ``process``). Only facts
    that never change while a task is open are copied (the task's step and
    permission, the complaint, its school, district and officer); owner, route,
    status and due dates are read live."""

    task = models.OneToOneField(Task, on_delete=models.CASCADE, primary_key=True, related_name="queue_entry")
    flow_task = TaskReferenceField()
    owner_permission = models.CharField(max_length=255)
    process = models.ForeignKey(ComplaintProcess, on_delete=models.CASCADE, related_name="+")
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("accounts.School", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey("accounts.District", on_delete=models.CASCADE, related_name="+")
    officer = models.ForeignKey("accounts.Officer", on_delete=models.CASCADE, null=True, related_name="+")
    created = models.DateTimeField()
    route = models.CharField(max_length=16, blank=True)
    due_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("review queue entry")
        verbose_name_plural = _("review queue entries")
        indexes = [
            # The queue's keyset pages walk (key, task) in order and stop after 26 rows.
            models.Index(fields=["due_at", "task"], name="workflows_queue_due_order"),
            models.Index(fields=["created", "task"], name="workflows_queue_created_order"),
        ]

    def __str__(self):
        return f"queue entry of task {self.task_id}"


class QueueEntryConcern(models.Model):
    """One concern (allegation category) of an open task's complaint, with a
    copy of every column of the task's queue entry, so the queue filtered by a
    concern counts and pages over these rows alone: the access rules, the other
    filters and the sort read the same columns as on the entry, and a page walks
    the concern's own index, (category, due date, task), and stops after a page,
    however rare the concern is, with no join back to the entries.

    Kept by the database (triggers, migration 0012): an entry added copies its
    complaint's concerns, an allegation added, changed or deleted adds or drops
    them for the complaint's entries, every change of an entry (its due date,
    route, school) is copied on, and the rows go with their entry."""

    # DO_NOTHING throughout: the database trigger removes the rows with their
    # entry, so deleting an entry, a task or a complaint costs no extra query.
    # No index of their own but the complaint's (the allegation trigger finds the
    # rows by complaint; by task, the unique constraint's index serves).
    task = models.ForeignKey(Task, on_delete=models.DO_NOTHING, related_name="+", db_index=False)
    category = models.CharField(max_length=20)
    flow_task = TaskReferenceField()
    owner_permission = models.CharField(max_length=255)
    complaint = models.ForeignKey("complaints.Complaint", on_delete=models.DO_NOTHING, related_name="+")
    school = models.ForeignKey("accounts.School", on_delete=models.DO_NOTHING, related_name="+", db_index=False)
    district = models.ForeignKey("accounts.District", on_delete=models.DO_NOTHING, related_name="+", db_index=False)
    officer = models.ForeignKey(
        "accounts.Officer", on_delete=models.DO_NOTHING, null=True, related_name="+", db_index=False
    )
    created = models.DateTimeField()
    route = models.CharField(max_length=16, blank=True)
    due_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("review queue entry concern")
        verbose_name_plural = _("review queue entry concerns")
        constraints = [models.UniqueConstraint(fields=["task", "category"], name="workflows_queue_concern_once")]
        indexes = [
            models.Index(fields=["category", "due_at", "task"], name="workflows_queue_concern_due"),
            models.Index(fields=["category", "created", "task"], name="workflows_queue_concern_made"),
        ]

    def __str__(self):
        return f"{self.category} of task {self.task_id}"


class CannedResponse(models.Model):
    """A reply the coordinator keeps ready for common situations; staff start a message from it."""

    district = models.ForeignKey(
        "accounts.District", on_delete=models.CASCADE, related_name="canned_responses", verbose_name=_("district")
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("canned response")
        verbose_name_plural = _("canned responses")
        ordering = ["title"]

    def __str__(self):
        return self.title


class EarlyWarningPolicy(models.Model):
    """A district's early-intervention threshold: an officer with at least
    ``complaint_threshold`` complaints, or ``sustained_threshold`` sustained
    findings, within ``window_months`` raises an early warning."""

    district = models.OneToOneField(
        "accounts.District", on_delete=models.CASCADE, related_name="early_warning_policy", verbose_name=_("district")
    )
    window_months = models.PositiveSmallIntegerField(
        _("months counted"), default=12, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    complaint_threshold = models.PositiveSmallIntegerField(
        _("complaints that raise a warning"), default=3, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    sustained_threshold = models.PositiveSmallIntegerField(
        _("sustained findings that raise a warning"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
    )

    class Meta:
        verbose_name = _("early warning threshold")
        verbose_name_plural = _("early warning thresholds")

    def __str__(self):
        return str(_("Early warning threshold for %(district)s") % {"district": self.district})


class EarlyWarning(models.Model):
    """A task for the coordinator and the officer's agency head: the officer
    crossed the district's threshold. Open until one of them resolves it."""

    officer = models.ForeignKey("accounts.Officer", on_delete=models.CASCADE, related_name="early_warnings")
    district = models.ForeignKey("accounts.District", on_delete=models.CASCADE, related_name="+")
    raised_at = models.DateTimeField(auto_now_add=True)
    complaints = models.PositiveSmallIntegerField(_("complaints"))
    sustained = models.PositiveSmallIntegerField(_("sustained findings"))
    window_months = models.PositiveSmallIntegerField(_("months counted"))
    resolution = models.TextField(_("what was done"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["-raised_at"]
        constraints = [
            # The check is safe to run twice: one open warning per officer at a time.
            models.UniqueConstraint(
                fields=["officer"], condition=models.Q(resolved_at__isnull=True), name="early_warning_open_once"
            )
        ]

    def __str__(self):
        return str(_("Early warning: %(officer)s") % {"officer": self.officer})

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None


# Models that live beside their code (the monthly review in workflows/monthly/, retention schedules and legal
# holds in workflows/retention/), imported here so Django registers them.
from workflows.monthly.models import MonthlyCertification, MonthlyReview  # noqa: E402, F401
from workflows.retention.models import LegalHold, RecordType, RetentionRule  # noqa: E402, F401
