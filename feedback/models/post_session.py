"""Post-session feedback: the survey a session's attendees are invited to, and
which registrant already received their one-time invitation.

``FeedbackTicket`` links a registrant to their invitation (like an emailed
invitation links an address to it); nothing links the invitation to the
response (``surveys.services.responses.response_store``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionFeedback(models.Model):
    """The feedback survey of one session. A survey serves one session only,
    so its responses are that session's (results per session)."""

    session = models.OneToOneField("feedback.Session", on_delete=models.CASCADE, related_name="feedback")
    survey = models.OneToOneField(
        "surveys.Survey", on_delete=models.PROTECT, related_name="session_feedback", verbose_name=_("feedback survey")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("session feedback survey")
        verbose_name_plural = _("session feedback surveys")

    def __str__(self):
        return f"{self.session_id} → {self.survey_id}"


class FeedbackTicket(models.Model):
    """One attendee's one-time invitation to their session's feedback survey
    (issued once, at check-in)."""

    registration = models.OneToOneField(
        "feedback.Registration", on_delete=models.CASCADE, related_name="feedback_ticket"
    )
    invitation = models.OneToOneField("surveys.Invitation", on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return str(self.pk)
