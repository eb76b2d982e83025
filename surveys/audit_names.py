"""How the audit log names what survey events record besides the survey's own fields (core.audit_display).
Loaded when the app is ready, so every page of the log reads them."""

from django.utils.translation import gettext_lazy as _

from core.audit_display import audit_change_names
from core.models import AuditKind
from surveys.models import CommentStatus
from surveys.views.results_filters import BREAKDOWN_CHOICES

# The breakdown a reader of the results chose, named as the results page names it.
audit_change_names("by", _("Break down by"), BREAKDOWN_CHOICES)
# The comment statuses of a review and of the comment queue a coordinator opened (the events are about the survey).
audit_change_names("status", _("Status"), CommentStatus.choices, kind=AuditKind.SURVEY_COMMENT_REVIEWED)
audit_change_names("queue", _("Comments shown"), CommentStatus.choices, kind=AuditKind.SURVEY_COMMENTS_VIEWED)
