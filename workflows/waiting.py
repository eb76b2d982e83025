"""What the staff home page lists as waiting for a person besides the complaint review steps (which the page
counts from the review queue itself): each other flow registers a source that says, for one person, how many open
steps of each kind they may do, and where those steps are listed.

The monthly review registers from this app's ready(); the annual assessment from its own app's ready(), since
``workflows`` may not import ``assessment`` (docs/architecture.md)."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from viewflow.workflow.models import Task

from workflows.review.selectors import OPEN


@dataclass(frozen=True)
class Waiting:
    """One flow's open steps that a person may do."""

    area: str  # the flow, as the staff site names it ("Monthly review")
    url: str  # the page that lists them
    link: str  # the words of the link to it ("Open the monthly reviews")
    steps: list[tuple[str, int]]  # (the step's title, how many wait at it), only steps with some


Source = Callable[[object], Waiting | None]
_SOURCES: list[Source] = []


def waiting_source(source: Source) -> Source:
    """Adds ``source`` (a person -> their Waiting, or None) to the staff home page, once however often it is
    called."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def waiting_for(user) -> list[Waiting]:
    """The flows with open steps ``user`` may do, in the order they registered."""
    return [waiting for source in _SOURCES if (waiting := source(user)) is not None and waiting.steps]


def open_step_counts(steps: Iterable[tuple[object, QuerySet]]) -> list[tuple[str, int]]:
    """For each (flow node, processes) pair, the node's title and how many open tasks wait at it in those
    processes, nodes with none left out: one query."""
    steps = list(steps)
    counts = Task.objects.filter(status__in=OPEN, flow_task__in=[node for node, _processes in steps]).aggregate(
        **{
            f"step{index}": Count("pk", filter=Q(flow_task=node, process_id__in=processes.values("pk")))
            for index, (node, processes) in enumerate(steps)
        }
    )
    titles = [(node.task_title, counts[f"step{index}"]) for index, (node, _processes) in enumerate(steps)]
    return [(title, count) for title, count in titles if count]
