"""Keeps workflows.QueueEntry in step with the open human tasks of complaint reviews.

An entry exists while its task is open (NEW or ASSIGNED) and has an owner
permission; it holds the complaint facts the access rules read, which never
change while the task is open (the complaint, school, district and officer),
the task's step, permission and creation time, the process's route and the
task's due date (kept equal to ComplaintProcess.route and TaskDue.due_at by
database triggers, see migration 0007, so even a raw ``update()`` of either
shows in the queue). Each entry's concerns (``QueueEntryConcern``) are kept by
database triggers only (migrations 0011 and 0012): no code here writes them.
Tasks are saved through viewflow's activations (``Task.save``), so a
``post_save`` receiver sees every task that opens or closes; complaints and
schools are saved through their models too, so a corrected school or officer
follows. The queue itself still checks the task's live status, so an entry left
behind by a raw update can never show a closed task; ``queue_entries_rebuild``
recomputes every entry from the source rows (the migration runs it once).
"""

from django.db import transaction
from django.db.models import Subquery
from django.db.models.signals import post_save
from viewflow.workflow.models import Task

from workflows.models import ComplaintProcess, QueueEntry, TaskDue
from workflows.review.selectors import OPEN

_FACTS = (
    "pk",
    "complaint_id",
    "complaint__school_id",
    "complaint__school__district_id",
    "complaint__officer_id",
    "route",
)


def _entries(processes, *extra: str) -> dict[int, dict]:
    """The copied facts of each complaint process in ``processes`` (and the
    annotations named ``extra``), by process id."""
    names = ("complaint_id", "school_id", "district_id", "officer_id", "route", *extra)
    return {row[0]: dict(zip(names, row[1:], strict=True)) for row in processes.values_list(*_FACTS, *extra)}


def _task_facts(task: Task) -> dict:
    return {"flow_task": task.flow_task, "owner_permission": task.owner_permission, "created": task.created}


def queue_entry_sync(*, task: Task) -> None:
    """Adds the entry of ``task`` when it is an open human task of a complaint
    review, removes it when the task is no longer open."""
    if not task.owner_permission:
        return
    if task.status not in OPEN:
        QueueEntry.objects.filter(task_id=task.pk).delete()
        return
    due = Subquery(TaskDue.objects.filter(task_id=task.pk).values("due_at")[:1])
    processes = ComplaintProcess.objects.filter(pk=task.process_id).annotate(due_at=due)
    facts = _entries(processes, "due_at").get(task.process_id)
    if facts:
        entry = QueueEntry(task_id=task.pk, process_id=task.process_id, **_task_facts(task), **facts)
        QueueEntry.objects.bulk_create([entry], ignore_conflicts=True)


@transaction.atomic
def queue_entries_rebuild() -> int:
    """Recomputes every entry from the tasks, processes and complaints; returns how many there are."""
    QueueEntry.objects.all().delete()
    open_tasks = Task.objects.filter(status__in=OPEN, owner_permission__gt="").only(
        "pk", "process_id", "flow_task", "owner_permission", "created"
    )
    facts = _entries(ComplaintProcess.objects.filter(task__status__in=OPEN).distinct())
    due = dict(TaskDue.objects.filter(task__status__in=OPEN).values_list("task_id", "due_at"))
    entries = [
        QueueEntry(
            task_id=task.pk,
            process_id=task.process_id,
            due_at=due.get(task.pk),
            **_task_facts(task),
            **facts[task.process_id],
        )
        for task in open_tasks
        if task.process_id in facts
    ]
    QueueEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def _task_saved(sender, instance, **kwargs):
    queue_entry_sync(task=instance)


def _complaint_saved(sender, instance, created, update_fields=None, **kwargs):
    if created or (
        update_fields is not None and not {"school", "school_id", "officer", "officer_id"} & set(update_fields)
    ):
        return
    from accounts.models import School

    district = Subquery(School.objects.filter(pk=instance.school_id).values("district_id")[:1])
    QueueEntry.objects.filter(complaint_id=instance.pk).update(
        school_id=instance.school_id, officer_id=instance.officer_id, district_id=district
    )


def _school_saved(sender, instance, created, **kwargs):
    if not created:
        QueueEntry.objects.filter(school_id=instance.pk).exclude(district_id=instance.district_id).update(
            district_id=instance.district_id
        )


def connect() -> None:
    """Called once from WorkflowsConfig.ready."""
    from accounts.models import School
    from complaints.models import Complaint

    post_save.connect(_task_saved, sender=Task, dispatch_uid="workflows-queue-entry-task")
    post_save.connect(_complaint_saved, sender=Complaint, dispatch_uid="workflows-queue-entry-complaint")
    post_save.connect(_school_saved, sender=School, dispatch_uid="workflows-queue-entry-school")
