"""The single place where a filed complaint is handed to the review workflow.

Called inside the transaction that saves the complaint: it enqueues the job
that starts the review (workflows.review.start_tasks), committed with the
complaint, so a complaint is never saved without its review start waiting; a
periodic sweep starts any review whose job was lost. The family does not wait
for the workflow. This is the one documented upward import of the architecture
(complaints -> workflows).
"""

from complaints.models import Complaint


def start_review(complaint: Complaint) -> None:
    """Queues the start of ComplaintFlow for ``complaint`` (compliments and
    general concerns are not reviewed and never reach this function)."""
    from workflows.review.start_tasks import review_start_task

    review_start_task.enqueue(complaint.pk)
