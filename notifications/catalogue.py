"""The mails Common Ground sends, and the context each template expects.

Context keys ending in ``_path`` are site paths; they are also offered as
absolute ``<name>_url``. ``SECRET_KEYS`` (a PIN, a survey access code) are kept encrypted until the mail
is sent.
"""

from django.utils.translation import gettext_lazy as _

SURVEY_MAIL_KEYS = (
    "survey_title_en",
    "survey_title_es",
    "school_name",
    "access_code",
    "access_path",
    "closes_on_en",
    "closes_on_es",
    "minutes",
    "anonymous",
    "reminder",
)
# What every dialogue-session mail carries (feedback.services.mail.session_context).
_SESSION = ("name", "status", "session_title", "session_date", "session_time", "session_place", "session_path")

_EARLY_WARNING = ("agency_name", "officer_path")

CATALOGUE = {
    # name: (essential, description, context keys)
    "complaint_received": (True, _("Receipt for a complaint"), ("tracking_code", "pin", "school_name", "track_path")),
    "status_changed": (False, _("Status of my complaint changed"), ("tracking_code", "track_path")),
    "public_message": (False, _("New message about my complaint"), ("tracking_code", "track_path")),
    "outcome_ready": (True, _("Outcome of my complaint"), ("tracking_code", "track_path")),
    "appeal_received": (False, _("An appeal was filed (staff)"), ("tracking_code", "case_path")),
    "complainant_replied": (False, _("The complainant replied (staff)"), ("tracking_code", "case_path")),
    "new_complaint": (False, _("A new complaint waits for triage (staff)"), ("tracking_code", "case_path")),
    "emergency": (True, _("Emergency complaint (staff)"), ("tracking_code", "case_path")),
    "task_assigned": (False, _("A review task was assigned to me (staff)"), ("tracking_code", "step", "case_path")),
    "task_due_soon": (False, _("A review task is due soon (staff)"), ("tracking_code", "step", "due", "case_path")),
    "task_overdue": (True, _("A review task is overdue (staff)"), ("tracking_code", "step", "case_path")),
    "early_warning": (True, _("An officer reached the early-warning threshold (staff)"), _EARLY_WARNING),
    "coordinator_digest": (False, _("Weekly digest (coordinators)"), ("open_tasks", "overdue_tasks", "queue_path")),
    "survey_invitation": (False, _("Invitation to a survey"), SURVEY_MAIL_KEYS),
    "survey_reminder": (False, _("Reminder of a survey not finished"), SURVEY_MAIL_KEYS),
    # Dialogue sessions: an ``ics`` context key is sent as a calendar attachment (notifications.delivery).
    "session_registered": (True, _("My sign-up for a dialogue session"), (*_SESSION, "manage_path")),
    "session_promoted": (True, _("A seat opened for me at a dialogue session"), _SESSION),
    "session_changed": (True, _("A dialogue session I signed up for changed"), _SESSION),
    "session_cancelled": (True, _("A dialogue session I signed up for was cancelled"), _SESSION),
    "session_reminder": (False, _("Reminder before a dialogue session"), (*_SESSION, "hours")),
    "session_consent_request": (True, _("A guardian's consent for a dialogue session"), ("en", "es", "consent_path")),
    "session_consent_expired": (True, _("A seat held for consent was released"), _SESSION),
    # The annual assessment (assessment.services.annual_mail); ``step`` is already in the reader's language.
    "annual_task_due_soon": (
        False,
        _("An annual assessment step is due soon (staff)"),
        ("year", "step", "due", "assessment_path"),
    ),
    "annual_task_overdue": (
        True,
        _("An annual assessment step is overdue (staff)"),
        ("year", "step", "assessment_path"),
    ),
    # The monthly review of SRO records (workflows/monthly/summary.py).
    "monthly_summary": (
        False,
        _("Summary of an accepted month of SRO records (staff)"),
        ("school_name", "month", "officers", "review_path"),
    ),
    "monthly_overdue": (
        True,
        _("A monthly review step is overdue (staff)"),
        ("school_name", "month", "step", "review_path"),
    ),
}
# A PIN, a survey's access code and every private link (which holds a code) wait encrypted.
SECRET_KEYS = ("pin", "access_code", "access_path", "manage_path", "consent_path")

# Why an address does not get mail (SendGrid event names), as staff read it.
PROBLEM_EVENTS = {
    "bounce": _("bounced"),
    "dropped": _("dropped by SendGrid"),
    "spamreport": _("reported as spam"),
}


def is_essential(template: str) -> bool:
    return CATALOGUE[template][0]


def optional_templates() -> list[tuple[str, str]]:
    """The mails a person may choose not to get, for the preferences page."""
    return [(name, str(entry[1])) for name, entry in CATALOGUE.items() if not entry[0]]
