"""Drafting the outcome letter from the findings (what may be disclosed only)."""

from django.utils import translation
from django.utils.translation import gettext as _

from complaints.models import Complaint, Finding


def outcome_letter_draft(complaint: Complaint) -> str:
    """A draft in the complainant's language listing each concern and its
    findings; personnel actions are never included."""
    findings = Finding.objects.filter(allegation__complaint=complaint).select_related("allegation")
    with translation.override(complaint.preferred_language):
        lines = [
            _("Thank you for your complaint %(code)s. The review is complete.") % {"code": complaint.tracking_code}
        ]
        for finding in findings.order_by("allegation_id", "review"):
            lines.append(
                _("%(concern)s — %(review)s: %(finding)s")
                % {
                    "concern": finding.allegation.get_category_display(),
                    "review": finding.get_review_display(),
                    "finding": finding.get_value_display(),
                }
            )
        lines.append(_("If you disagree, you may appeal from the tracking page within 10 school days."))
    return "\n\n".join(lines)
