"""Post-session feedback: the survey a session's attendees are invited to, and
which registrant already received their one-time invitation.

``FeedbackTicket`` only records that a registrant was issued their one
invitation, not which one: a printed card's invitation cannot be traced back
to the person (an emailed one keeps its address, as every engine invitation
does), and nothing links an invitation to its response
(``surveys.services.responses.response_store``)."""

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
    """This attendee was issued their one-time invitation to the session's
    feedback survey (once, at check-in); which invitation is not kept."""

    registration = models.OneToOneField(
        "feedback.Registration", on_delete=models.CASCADE, related_name="feedback_ticket"
    )

    def __str__(self):
        return str(self.pk)
