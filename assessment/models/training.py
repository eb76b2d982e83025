"""Training records: the topic catalogue, training events and who attended, and the hours a district requires.

An event's hours are shared evenly between the topics it covers (a four-hour session on two topics gives two hours
of each); an officer's hours are those of the events held (dated today or earlier) that they attended.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from core.i18n import pick


class TopicSource(models.TextChoices):
    STATE = "state", _("State guidance")
    DISTRICT = "district", _("District summit")
    OTHER = "other", _("Other")


class TrainingTopic(models.Model):
    """One topic of the catalogue (seeded, bilingual, with a stable code)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_en = models.CharField(_("topic (English)"), max_length=150)
    name_es = models.CharField(_("topic (Spanish)"), max_length=150)
    source = models.CharField(_("listed by"), max_length=10, choices=TopicSource.choices, default=TopicSource.OTHER)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("offered on the forms"), default=True)

    class Meta:
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")
        ordering = ["position", "code"]

    def __str__(self):
        return pick(self, "name")


class TrainingEvent(models.Model):
    """A training session (the August summit, the January guidance session, …): scheduled until its date passes."""

    district = models.ForeignKey(
        "accounts.District", on_delete=models.PROTECT, related_name="training_events", verbose_name=_("district")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0.25), MaxValueValidator(40)],
        help_text=_("Hours of training, shared evenly between the topics."),
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    topics = models.ManyToManyField(TrainingTopic, related_name="events", verbose_name=_("topics"))
    audience = models.JSONField(_("audience"), default=list, help_text=_("The roles the training is for."))
    joint_with_school_staff = models.BooleanField(_("joint with school staff"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training event")
        verbose_name_plural = _("training events")
        ordering = ["-date", "pk"]
        indexes = [models.Index(fields=["district", "date"], name="training_event_district_date")]

    def __str__(self):
        return f"{pick(self, 'title')} ({self.date.isoformat()})"

    @property
    def title(self) -> str:
        return pick(self, "title")

    def audience_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels[role]) for role in self.audience if role in labels]


class TrainingAttendance(models.Model):
    """One person at one event: an officer (with or without an account) or another user (a principal)."""

    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="attendance")
    officer = models.ForeignKey(
        "accounts.Officer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_attendance",
        verbose_name=_("officer"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_attendance",
        verbose_name=_("person"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training attendance")
        verbose_name_plural = _("training attendance")
        constraints = [
            models.CheckConstraint(
                condition=Q(officer__isnull=False, user__isnull=True) | Q(officer__isnull=True, user__isnull=False),
                name="training_attendance_one_person",
            ),
            models.UniqueConstraint(
                fields=["event", "officer"], condition=Q(officer__isnull=False), name="training_attendance_officer"
            ),
            models.UniqueConstraint(
                fields=["event", "user"], condition=Q(user__isnull=False), name="training_attendance_user"
            ),
        ]

    def __str__(self):
        return f"{self.officer or self.user} @ {self.event_id}"

    @property
    def audit_district_id(self):
        return self.event.district_id


class TrainingRequirement(models.Model):
    """Hours a district requires each school year of a role: overall (no topic) or of one topic."""

    district = models.ForeignKey(
        "accounts.District", on_delete=models.CASCADE, related_name="training_requirements", verbose_name=_("district")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SRO)
    topic = models.ForeignKey(
        TrainingTopic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requirements",
        verbose_name=_("topic"),
        help_text=_("Empty: hours of any topic."),
    )
    hours = models.DecimalField(
        _("hours each school year"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        verbose_name = _("training requirement")
        verbose_name_plural = _("training requirements")
        ordering = ["role", "topic__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "role"], condition=Q(topic__isnull=True), name="training_requirement_overall"
            ),
            models.UniqueConstraint(
                fields=["district", "role", "topic"],
                condition=Q(topic__isnull=False),
                name="training_requirement_topic",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.topic or _('any topic')} {self.hours}"
