"""Responses. A response in progress is a ``ResponseDraft`` (it may know its
invitation, to resume and count "started"); finishing turns it into a
``Response`` and its ``Answer`` rows and deletes the draft in one transaction.

A stored response carries no user, invitation, token, address, user agent or
time: its id is random, it has no timestamp (the survey's close date is its
only date), and its default order is by that random id."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.models.survey import Question, QuestionChoice, RespondentGroup, Survey


class Source(models.TextChoices):
    LINK = "link", _("Open link")
    INVITATION = "invitation", _("Invitation")
    CLASS = "class", _("Class code")
    PAPER = "paper", _("Paper form entered by staff")


class Response(models.Model):
    """One finished response. The demographic columns copy the respondent's
    own answers (``Demographic`` codes) so subgroup results filter without a
    join; an empty value is "not answered"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source = models.CharField(max_length=12, choices=Source.choices)
    language = models.CharField(max_length=8)
    respondent_group = models.CharField(max_length=20, choices=RespondentGroup.choices, blank=True)
    grade = models.CharField(max_length=40, blank=True)
    gender = models.CharField(max_length=40, blank=True)
    race = models.CharField(max_length=40, blank=True)
    disability = models.CharField(max_length=40, blank=True)
    english_learner = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["survey", "school", "respondent_group"]),
        ]

    def __str__(self):
        return str(self.pk)


class Attribution(models.Model):
    """Confidential surveys only (``AnonymityMode.CONFIDENTIAL``): which
    invitation a response came from. Never written for an anonymous survey,
    so the response table itself has no column that could link."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, primary_key=True, related_name="attribution")
    invitation = models.ForeignKey("surveys.Invitation", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("response attribution")
        verbose_name_plural = _("response attributions")

    def __str__(self):
        return str(self.pk)


class Answer(models.Model):
    """One answer: a choice (one row per chosen option of a multiple-choice
    question), a number or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    choice = models.ForeignKey(QuestionChoice, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    number = models.IntegerField(null=True, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["id"]
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self):
        return str(self.pk)


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Shown to the advisory team")
    HIDDEN = "hidden", _("Hidden")


class CommentReview(models.Model):
    """The coordinator's review of one free-text answer: only approved
    comments (as redacted) reach the advisory team."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="review")
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    redacted_text = models.TextField(_("text as shown"), blank=True)
    safety_concern = models.BooleanField(_("safety concern to follow up"), default=False)
    safety_note = models.TextField(_("follow-up note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment review")
        verbose_name_plural = _("comment reviews")

    def __str__(self):
        return self.get_status_display()


class ResponseDraft(models.Model):
    """A response being filled in: its answers so far, the page reached and a
    keyed hash of the resume code. Deleted when the response is stored, or
    when it expires unfinished."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="drafts")
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source = models.CharField(max_length=12, choices=Source.choices)
    respondent_group = models.CharField(max_length=20, choices=RespondentGroup.choices, blank=True)
    invitation = models.ForeignKey(
        "surveys.Invitation", on_delete=models.CASCADE, null=True, blank=True, related_name="drafts"
    )
    class_code = models.ForeignKey(
        "surveys.ClassCode", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resume_hash = models.CharField(max_length=64, unique=True)
    answers = models.JSONField(default=dict, blank=True)
    page_position = models.PositiveSmallIntegerField(default=1)
    language = models.CharField(max_length=8, default="en")
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("unfinished survey response")
        verbose_name_plural = _("unfinished survey responses")

    def __str__(self):
        return str(self.pk)
