"""Jobs that start complaint reviews (complaints.handoff enqueues the first with the complaint)."""

from django_tasks import task

from workflows.review.start import review_start_pending, reviews_start_unstarted


@task()
def review_start_task(complaint_id: int) -> bool:
    """Starts the review of the complaint just filed; True when it started one.
    Safe twice: a complaint whose review exists (or was withdrawn meanwhile) is skipped."""
    return review_start_pending(complaint_id=complaint_id) is not None


@task()
def review_starts_sweep() -> int:
    """Periodic (settings.PERIODIC_TASKS): starts the review of any complaint filed
    more than two minutes ago without one (its start job was lost); returns how many."""
    return reviews_start_unstarted()
