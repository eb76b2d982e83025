from django.core.management.base import BaseCommand

from core.jobs.periodic import periodic_tasks_ensure


class Command(BaseCommand):
    help = (
        "Queue every periodic job (settings.PERIODIC_TASKS) that has no waiting run. Optional: "
        "run_worker does the same at start and every JOB_CHECK_SECONDS."
    )

    def handle(self, *args, **options):
        queued = periodic_tasks_ensure()
        self.stdout.write(f"queued: {', '.join(queued)}" if queued else "every periodic job already waiting")
