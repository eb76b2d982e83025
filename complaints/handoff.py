"""The single place where a filed complaint is handed to the review workflow.

Called inside the transaction that saves the complaint, so a complaint is
never saved without its review starting. This is the one documented upward
import of the architecture (complaints -> workflows).
"""

from complaints.models import Complaint


def start_review(complaint: Complaint) -> None:
    """Starts ComplaintFlow for ``complaint`` (compliments and general
    concerns are not reviewed and never reach this function)."""
    from workflows.review.start import review_start

    review_start(complaint)
