"""The monthly review's periodic job (settings.PERIODIC_TASKS): the worker opens each month's reviews itself."""

from django_tasks import task

from workflows.monthly.opening import monthly_reviews_open


@task()
def monthly_reviews_open_task() -> int:
    """Opens last month's review for every school with a rostered SRO; returns how many it opened.
    Safe twice (and hourly): a school's month opens once."""
    return monthly_reviews_open()
