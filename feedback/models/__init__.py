"""Dialogue sessions: the sessions, who registered, and what was heard."""

from feedback.models.heard import HeardItem, HeardStatus, Theme
from feedback.models.partner import ConcernReply, MouCommitment, PartnerRound, PartnerSide
from feedback.models.post_session import FeedbackTicket, SessionFeedback
from feedback.models.registration import Attendance, ConsentMethod, Registration, RegistrationStatus
from feedback.models.session import Session, SessionKind

__all__ = [
    "ConcernReply",
    "FeedbackTicket",
    "MouCommitment",
    "PartnerRound",
    "PartnerSide",
    "SessionFeedback",
    "Attendance",
    "ConsentMethod",
    "HeardItem",
    "HeardStatus",
    "Registration",
    "RegistrationStatus",
    "Session",
    "SessionKind",
    "Theme",
]
