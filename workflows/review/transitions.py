"""Moving a complaint's review to a step out of its usual order: withdrawn by
the complainant, closed as a duplicate, reopened by the coordinator. Like
review_start, this module needs ComplaintFlow itself.

viewflow moves a process from one node to the next; these steps are reached
from wherever the process stands, so the open tasks are cancelled (viewflow's
own cancel transition of each task) and the step is activated as if the last
task had led to it. The flow's lock is held throughout."""

from types import SimpleNamespace

from django.db import transaction
from viewflow.workflow.status import PROCESS, STATUS
from viewflow.workflow.token import Token

from workflows.flows import ComplaintFlow
from workflows.models import ComplaintProcess

_FINISHED = [STATUS.DONE, STATUS.CANCELED, STATUS.REVIVED]


def _step_run(process: ComplaintProcess, node, data: dict) -> None:
    with ComplaintFlow.lock(process.pk):
        tasks = process.task_set.all()
        for task in tasks.exclude(status__in=_FINISHED).order_by("-pk"):
            task.flow_task.activation_class(task).cancel()
        process.status, process.finished = PROCESS.NEW, None
        process.save(update_fields=["status", "finished"])
        previous = SimpleNamespace(process=process, task=tasks.order_by("-pk").first())
        activation = node.activation_class.create(node, previous, Token("start"), data=data)
        activation._activate_next({activation})


@transaction.atomic
def review_withdraw(*, process: ComplaintProcess) -> None:
    """Ends the review: the complainant withdrew."""
    _step_run(process, ComplaintFlow.withdraw, {})


@transaction.atomic
def review_close_duplicate(*, process: ComplaintProcess, user, explanation: str) -> None:
    """Ends the review: the complaint duplicates another; ``explanation`` is published to its complainant."""
    _step_run(process, ComplaintFlow.close_duplicate, {"user": user.pk, "explanation": explanation})


@transaction.atomic
def review_reopen(*, process: ComplaintProcess) -> None:
    """Opens the finished review again at triage."""
    _step_run(process, ComplaintFlow.reopen, {})
