"""The ways into a survey besides its open link per school: invitations (an
email address, or a one-time code printed for a student without email), class
codes shown on the board, and parents' opt-outs (federal PPRA)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from surveys.models.survey import RespondentGroup, Survey


class InvitationKind(models.TextChoices):
    EMAIL = "email", _("Email")
    CODE = "code", _("Printed one-time code")


class InvitationStatus(models.TextChoices):
    """Counted for response rates. ``finished`` is set in the transaction that
    stores the response, and nothing on either row links them."""

    ISSUED = "issued", _("Not used yet")
    STARTED = "started", _("Started")
    FINISHED = "finished", _("Finished")


class Invitation(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    school = models.ForeignKey(
        "accounts.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("school")
    )
    group = models.CharField(_("respondent group"), max_length=20, choices=RespondentGroup.choices)
    kind = models.CharField(_("kind"), max_length=10, choices=InvitationKind.choices)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    # Keyed HMAC of the access code (``surveys.codes``); the code itself is only
    # in the mail or on the printed sheet.
    code_hash = models.CharField(max_length=64, unique=True)
    # Emailed invitations only: the code encrypted (``core.crypto``) so a
    # reminder can repeat it; blanked once the invitation is finished or the
    # survey has closed. Printed codes keep none (shown once, on the sheet).
    code_encrypted = models.TextField(blank=True, default="", editable=False)
    batch = models.CharField(_("classroom or batch"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.ISSUED
    )
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    # False from the moment the invitation is finished until ``surveys.seal``
    # rewrites it in a transaction of its own (see there why).
    sealed = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        indexes = [models.Index(fields=["survey", "school", "group", "status"])]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "email"], condition=~models.Q(email=""), name="invitation_email_unique_in_survey"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk} ({self.get_status_display()})"


class ClassCode(models.Model):
    """A short code shown on the board: a room of students takes the survey on
    school devices, one response per device session."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="class_codes")
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+", verbose_name=_("school"))
    label = models.CharField(_("class"), max_length=100)
    code = models.CharField(_("class code"), max_length=12, unique=True)
    is_active = models.BooleanField(_("accepting responses"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("class code")
        verbose_name_plural = _("class codes")

    def __str__(self):
        return f"{self.label} ({self.code})"


class OptOut(models.Model):
    """A parent's request that their child take no student survey (PPRA).
    Codes are printed and student emails invited without these students."""

    district = models.ForeignKey("accounts.District", on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("accounts.School", on_delete=models.PROTECT, related_name="+", verbose_name=_("school"))
    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="opt_outs",
        verbose_name=_("survey"),
        help_text=_("Empty: every student survey of the school year."),
    )
    student_name = models.CharField(_("student's name"), max_length=200)
    student_email = models.EmailField(_("student's school email"), blank=True)
    classroom = models.CharField(_("grade or classroom"), max_length=100, blank=True)
    guardian_name = models.CharField(_("parent or guardian's name"), max_length=200)
    guardian_contact = models.CharField(_("parent or guardian's email or phone"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        indexes = [models.Index(fields=["school", "survey"])]

    def __str__(self):
        return self.student_name
