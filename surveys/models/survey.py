"""A survey: settings, pages, questions and choices. Texts are stored in both
languages side by side (``*_en``, ``*_es``); ``core.i18n.pick`` chooses the
one for the current request. A published survey is frozen: changing it makes a
new version (``previous_version``), so results never mix two wordings."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.i18n import pick
from surveys.models.bank import Demographic, Domain, Item, QuestionKind, Topic, question_label


class Purpose(models.TextChoices):
    CLIMATE = "climate", _("Climate survey")
    SESSION_FEEDBACK = "session_feedback", _("Dialogue session feedback")
    PARTNER_FEEDBACK = "partner_feedback", _("MOU partner feedback")
    COMPLAINT_SATISFACTION = "complaint_satisfaction", _("Complainant satisfaction")


class RespondentGroup(models.TextChoices):
    STUDENT = "student", _("Students")
    GUARDIAN = "guardian", _("Parents and guardians")
    STAFF = "staff", _("School staff")
    COMMUNITY = "community", _("Community members")


class AnonymityMode(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous: nothing links an answer to a person or an invitation")
    CONFIDENTIAL = (
        "confidential",
        _("Confidential: an answer keeps its invitation so the coordinator can follow up; results stay aggregated"),
    )


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Published, not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


def _public_id() -> str:
    return secrets.token_urlsafe(9)


class Survey(models.Model):
    district = models.ForeignKey(
        "accounts.District", on_delete=models.PROTECT, related_name="surveys", verbose_name=_("district")
    )
    # Used in public links instead of the sequential id.
    public_id = models.CharField(max_length=16, unique=True, default=_public_id, editable=False)
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices, default=Purpose.CLIMATE)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_es = models.CharField(_("title (Spanish)"), max_length=200, blank=True)
    intro_en = models.TextField(_("first page text (English)"), blank=True)
    intro_es = models.TextField(_("first page text (Spanish)"), blank=True)
    thanks_en = models.TextField(_("thank-you text (English)"), blank=True)
    thanks_es = models.TextField(_("thank-you text (Spanish)"), blank=True)
    schools = models.ManyToManyField(
        "accounts.School", blank=True, related_name="surveys", verbose_name=_("schools it runs in")
    )
    groups = models.JSONField(_("respondent groups"), default=list, blank=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    anonymity = models.CharField(
        _("anonymity"), max_length=20, choices=AnonymityMode.choices, default=AnonymityMode.ANONYMOUS
    )
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    previous_version = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        editable=False,
        verbose_name=_("previous version"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    # Police roles read results only once the coordinator shares them.
    results_shared_at = models.DateTimeField(_("results shared with the police"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["district", "purpose", "closes_on"])]

    def __str__(self):
        return gettext("%(title)s (version %(version)s)") % {"title": self.title, "version": self.version}

    @property
    def title(self) -> str:
        """The title in the reader's language (English when there is no Spanish one)."""
        return pick(self, "title")

    @property
    def is_frozen(self) -> bool:
        return self.published_at is not None

    def status_on(self, day) -> str:
        if not self.published_at:
            return SurveyStatus.DRAFT
        if self.opens_on and day < self.opens_on:
            return SurveyStatus.SCHEDULED
        if self.closes_on and day > self.closes_on:
            return SurveyStatus.CLOSED
        return SurveyStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return SurveyStatus(self.status).label

    @property
    def is_open(self) -> bool:
        return self.status == SurveyStatus.OPEN

    @property
    def has_opened(self) -> bool:
        """Once true, the anonymity mode can no longer change."""
        return self.status in (SurveyStatus.OPEN, SurveyStatus.CLOSED)


class Page(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="pages", verbose_name=_("survey"))
    position = models.PositiveSmallIntegerField(_("position"))
    intro_en = models.TextField(_("page introduction (English)"), blank=True)
    intro_es = models.TextField(_("page introduction (Spanish)"), blank=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["survey", "position"]
        constraints = [models.UniqueConstraint(fields=["survey", "position"], name="page_position_unique")]

    def __str__(self):
        return f"{self.survey_id} p{self.position}"


# The widest range a number question may ask for, and the bounds of an answer
# to one that sets no limits: far beyond any count a survey asks about, and
# well inside the database's integer.
NUMBER_LIMIT = 1_000_000
NUMBER_VALIDATORS = [
    MinValueValidator(-NUMBER_LIMIT, message=_("Give a number no smaller than %(limit_value)s.")),
    MaxValueValidator(NUMBER_LIMIT, message=_("Give a number no larger than %(limit_value)s.")),
]


class Question(models.Model):
    """A question as this survey version asks it: the bank item's code and a
    frozen copy of its wording, which later edits of the bank do not touch."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions", verbose_name=_("survey"))
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="questions", verbose_name=_("page"))
    position = models.PositiveSmallIntegerField(_("position"))
    item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="questions", verbose_name=_("bank item")
    )
    code = models.SlugField(_("code"), max_length=40)
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices, default=Domain.OTHER)
    topic = models.CharField(_("topic"), max_length=40, choices=Topic.choices, default=Topic.OTHER)
    kind = models.CharField(_("question type"), max_length=20, choices=QuestionKind.choices)
    demographic = models.CharField(
        _("demographic"), max_length=20, choices=Demographic.choices, blank=True, default=Demographic.NONE
    )
    text_en = models.TextField(_("question (English)"))
    text_es = models.TextField(_("question (Spanish)"), blank=True)
    help_en = models.CharField(_("help text (English)"), max_length=300, blank=True)
    help_es = models.CharField(_("help text (Spanish)"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=False)
    reverse_scored = models.BooleanField(_("reverse scored"), default=False)
    min_value = models.IntegerField(_("smallest number"), null=True, blank=True, validators=NUMBER_VALIDATORS)
    max_value = models.IntegerField(_("largest number"), null=True, blank=True, validators=NUMBER_VALIDATORS)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "page__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="question_code_unique_in_survey"),
            models.UniqueConstraint(fields=["page", "position"], name="question_position_unique"),
        ]

    def __str__(self):
        return question_label(self)

    @property
    def has_choices(self) -> bool:
        return self.kind in QuestionKind.with_choices()

    @property
    def is_scale(self) -> bool:
        return self.kind in QuestionKind.scales()

    @property
    def is_text(self) -> bool:
        return self.kind in QuestionKind.texts()


class QuestionChoice(models.Model):
    """One answer a question offers. Scale points carry their ``value`` (1 =
    strongly disagree); "prefer not to say" and "don't know" are
    ``excluded`` from percentages and means."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.SlugField(_("code"), max_length=40)
    label_en = models.CharField(_("label (English)"), max_length=200)
    label_es = models.CharField(_("label (Spanish)"), max_length=200, blank=True)
    value = models.SmallIntegerField(_("scale value"), null=True, blank=True)
    excluded = models.BooleanField(_("left out of percentages"), default=False)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "position"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="choice_code_unique_in_question")]

    def __str__(self):
        return self.label_en
