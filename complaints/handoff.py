"""The single place where a filed complaint is handed to the review workflow.

Called inside the transaction that saves the complaint, so a complaint is
never saved without its review starting (and vice versa). The workflow issue
fills this in by starting ComplaintFlow; until then a new complaint simply
waits in the "received" status.
"""

from complaints.models import Complaint


def start_review(complaint: Complaint) -> None:
    """Starts the review of ``complaint`` (compliments and general concerns are
    not reviewed and never reach this function)."""
    return None
