"""Reliable background jobs on top of django-tasks-db.

- ``leases``: a job left RUNNING past its lease (its worker died) is queued again.
- ``periodic``: every task in ``settings.PERIODIC_TASKS`` keeps one waiting run; no cron.
- ``worker``: the worker loop behind ``manage.py run_worker`` (leases, periodic check,
  database outages ridden out).
- ``tasks``: the pruning of finished job rows.

``core`` imports no project app: the periodic tasks are named by dotted path in settings.
See docs/operations.md.
"""
