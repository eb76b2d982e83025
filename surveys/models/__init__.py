"""The one question engine: item bank, surveys, ways in, responses.

Split by job: ``bank`` (reusable items with stable codes), ``survey`` (a
versioned, frozen-once-published questionnaire), ``reach`` (open links,
invitations, class codes, opt-outs), ``responses`` (drafts in progress and the
unlinkable stored responses).
"""

from surveys.models.bank import Demographic, Domain, Item, QuestionKind, Topic
from surveys.models.reach import ClassCode, Invitation, InvitationKind, InvitationStatus, OptOut
from surveys.models.responses import Answer, Attribution, CommentReview, CommentStatus, Response, ResponseDraft, Source
from surveys.models.survey import (
    AnonymityMode,
    Page,
    Purpose,
    Question,
    QuestionChoice,
    RespondentGroup,
    Survey,
    SurveyStatus,
)

__all__ = [
    "AnonymityMode",
    "Answer",
    "Attribution",
    "ClassCode",
    "CommentReview",
    "CommentStatus",
    "Demographic",
    "Domain",
    "Invitation",
    "InvitationKind",
    "InvitationStatus",
    "Item",
    "OptOut",
    "Page",
    "Purpose",
    "Question",
    "QuestionChoice",
    "QuestionKind",
    "RespondentGroup",
    "Response",
    "ResponseDraft",
    "Source",
    "Survey",
    "SurveyStatus",
    "Topic",
]
