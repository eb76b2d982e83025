"""Reliable background jobs on top of django-tasks-db.

- ``heartbeat``: each worker says it is alive every few seconds from a thread of its own.
- ``leases``: a job left RUNNING by a dead worker (silent heartbeat, or past its lease) is queued again.
- ``periodic``: every task in ``settings.PERIODIC_TASKS`` keeps one waiting run; no cron.
- ``worker``: the worker loop behind ``manage.py run_worker`` (leases, periodic check,
  database outages ridden out).
- ``tasks``: the pruning of finished job rows and of dead workers' heartbeats.

``core`` imports no project app: the periodic tasks are named by dotted path in settings.
See docs/operations.md.
"""
