"""Drafting the outcome letter (what may be disclosed only) and suggesting final findings."""

from django.utils import translation
from django.utils.translation import gettext as _

from complaints.models import Complaint


def outcome_letter_draft(complaint: Complaint) -> str:
    """A draft in the complainant's language, in paragraphs. The final finding
    of each concern and the appeal date are shown beside the letter from the
    recorded data, so the letter never has to repeat (or contradict) them;
    personnel actions are never included."""
    with translation.override(complaint.preferred_language):
        return "\n\n".join(
            [
                _("Dear complainant,"),
                _("Thank you for your complaint %(code)s. The review is complete.") % {"code": complaint.tracking_code},
                _(
                    "The school and the police department each reviewed what you told us. The finding on each of "
                    "your concerns is listed with this letter."
                ),
                _("Sincerely,\nThe district coordinator"),
            ]
        )


def suggested_final_findings(allegations) -> dict[str, str]:
    """Form initial values ``final_<id>``: the reviews' finding where they agree
    (or where only one review ran), nothing where they differ."""
    initial = {}
    for allegation in allegations:
        values = {f.value for f in allegation.findings.all()}
        if allegation.final_finding:
            initial[f"final_{allegation.pk}"] = allegation.final_finding
        elif len(values) == 1:
            initial[f"final_{allegation.pk}"] = values.pop()
    return initial
