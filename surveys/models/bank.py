"""The item bank: questions a survey is built from, each with a stable code so
results can be compared across years by code."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.i18n import pick

LABEL_TEXT_MAX = 60


def short_text(text: str, limit: int = LABEL_TEXT_MAX) -> str:
    """``text`` on one line, cut after the last whole word that fits in
    ``limit`` characters, with an ellipsis when anything was left out."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return head.rstrip(" ,;:.(-") + "…"


def question_label(question) -> str:
    """A question's (or bank item's) code and its text in the reader's language, shortened: what lists of
    questions show."""
    return f"{question.code}: {short_text(pick(question, 'text'))}"


class Domain(models.TextChoices):
    """The three domains of the US Department of Education School Climate
    Surveys (ED-SCLS), this project's SRO module, and who answered."""

    ENGAGEMENT = "engagement", _("Engagement")
    SAFETY = "safety", _("Safety")
    ENVIRONMENT = "environment", _("Environment")
    SRO = "sro", _("School resource officers")
    DEMOGRAPHIC = "demographic", _("About you")
    OTHER = "other", _("Other")


class Topic(models.TextChoices):
    # ED-SCLS topics, by domain.
    CULTURAL_COMPETENCE = "cultural_competence", _("Cultural and linguistic competence")
    RELATIONSHIPS = "relationships", _("Relationships")
    PARTICIPATION = "participation", _("School participation")
    EMOTIONAL_SAFETY = "emotional_safety", _("Emotional safety")
    PHYSICAL_SAFETY = "physical_safety", _("Physical safety")
    BULLYING = "bullying", _("Bullying and cyberbullying")
    SUBSTANCE_USE = "substance_use", _("Substance use")
    EMERGENCY_READINESS = "emergency_readiness", _("Emergency readiness and management")
    PHYSICAL_ENVIRONMENT = "physical_environment", _("Physical environment")
    INSTRUCTIONAL_ENVIRONMENT = "instructional_environment", _("Instructional environment")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    DISCIPLINE = "discipline", _("Discipline")
    # This project's SRO module.
    SRO_SAFETY = "sro_safety", _("Feeling safe with the SRO")
    SRO_FAIRNESS = "sro_fairness", _("Fair treatment")
    SRO_COMPLAINTS = "sro_complaints", _("Knowing how to complain")
    SRO_DISCIPLINE = "sro_discipline", _("SRO and school discipline")
    SRO_APPROACHABLE = "sro_approachable", _("Approachability")
    OTHER = "other", _("Other")


class QuestionKind(models.TextChoices):
    AGREE4 = "agree4", _("Agreement scale, 4 points")
    AGREE5 = "agree5", _("Agreement scale, 5 points")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    NUMBER = "number", _("Number")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")

    @classmethod
    def with_choices(cls) -> frozenset[str]:
        return frozenset({cls.AGREE4, cls.AGREE5, cls.SINGLE, cls.MULTIPLE})

    @classmethod
    def scales(cls) -> frozenset[str]:
        return frozenset({cls.AGREE4, cls.AGREE5})

    @classmethod
    def texts(cls) -> frozenset[str]:
        return frozenset({cls.SHORT_TEXT, cls.LONG_TEXT})


class Demographic(models.TextChoices):
    """What a demographic item describes; its answer is also kept on the
    response (``Response.<field>``) so subgroups filter without a join."""

    NONE = "", _("Not a demographic item")
    GROUP = "respondent_group", _("Respondent group")
    GRADE = "grade", _("Grade")
    GENDER = "gender", _("Gender")
    RACE = "race", _("Race or ethnicity")
    DISABILITY = "disability", _("Disability, IEP or 504 plan")
    ENGLISH_LEARNER = "english_learner", _("English learner")


class Item(models.Model):
    """One reusable question. ``district`` empty: the shared bank every district
    starts from; otherwise a district's own item. ``choices`` is a list of
    ``{"code", "en", "es"}`` (and ``"prefer_not": true`` for "prefer not to
    say"), copied into a survey's questions when the item is added."""

    district = models.ForeignKey(
        "accounts.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_items",
        verbose_name=_("district"),
    )
    code = models.SlugField(_("code"), max_length=40, help_text=_("Stable across years, e.g. SRO-SAFE-1."))
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    topic = models.CharField(_("topic"), max_length=40, choices=Topic.choices, default=Topic.OTHER)
    kind = models.CharField(_("question type"), max_length=20, choices=QuestionKind.choices)
    demographic = models.CharField(
        _("demographic"), max_length=20, choices=Demographic.choices, blank=True, default=Demographic.NONE
    )
    text_en = models.TextField(_("question (English)"))
    text_es = models.TextField(_("question (Spanish)"), blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    reverse_scored = models.BooleanField(
        _("reverse scored"), default=False, help_text=_("Agreeing is the unfavourable answer.")
    )
    groups = models.JSONField(_("respondent groups"), default=list, blank=True)
    is_active = models.BooleanField(_("offered in the builder"), default=True)

    class Meta:
        verbose_name = _("bank item")
        verbose_name_plural = _("bank items")
        ordering = ["domain", "topic", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=Q(district__isnull=True), name="item_code_unique_shared"
            ),
            models.UniqueConstraint(fields=["district", "code"], name="item_code_unique_in_district"),
        ]

    def __str__(self):
        return question_label(self)
