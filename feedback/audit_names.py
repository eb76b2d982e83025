"""How the audit log names what session-feedback events record besides their record's own fields
(core.audit_display). Loaded when the app is ready, so every page of the log reads them."""

from django.utils.translation import gettext_lazy as _

from core.audit import AuditKind
from core.audit_display import audit_change_names
from surveys.models import InvitationKind

# How a registrant's feedback invitation went out (post_session.feedback_invite).
audit_change_names("kind", _("Invitation"), InvitationKind.choices, kind=AuditKind.SESSION_FEEDBACK_ISSUED)
# Which answers a staff member read (post_session.feedback_results_view).
audit_change_names(
    "scope",
    _("Answers read"),
    [
        ("session", _("this session's")),
        ("series", _("the series' together")),
        ("suppressed", _("none: too few to show")),
    ],
    kind=AuditKind.SESSION_FEEDBACK_VIEWED,
)
