"""Completing a human step of any of the project's flows: one way to drive viewflow's activation."""

from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS


def task_complete(task: Task, user) -> None:
    """Claims ``task`` for ``user`` if nobody has, completes it and lets the flow move on (the caller has checked
    that ``user`` may)."""
    with task.activation() as activation:
        if task.status == STATUS.NEW:
            activation.assign(user)
        activation.start(None)
        activation.execute()
