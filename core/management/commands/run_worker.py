"""``manage.py run_worker``: django-tasks-db's ``db_worker`` with job leases, periodic
jobs and database outages ridden out (core/jobs/worker.py). Same options as ``db_worker``,
except that the default is every queue."""

import os

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from core.jobs.worker import Worker


class Command(DbWorkerCommand):
    help = (
        "Run a background worker: runs queued jobs, re-queues jobs whose worker died, keeps the periodic jobs "
        "(settings.PERIODIC_TASKS) scheduled and waits out database outages. "
        "Run one per queue group, e.g. --queue-name timers,default and --queue-name mail."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload, **options):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        exclude = options["exclude_queues"]
        queue_names = queue_name.split(",")
        excluded = exclude.split(",") if exclude else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
