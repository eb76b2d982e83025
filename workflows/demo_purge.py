"""Removes the demo district's complaints and their reviews (`manage.py purge_demo`).

Lives in workflows because it knows complaints and viewflow processes; the
accounts app reaches it by command name (`purge_demo_cases`), never by import.
"""

from dataclasses import dataclass

from django.db import transaction
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from accounts.demo import DEMO_DISTRICT_SLUG, demo_users
from complaints.models import Attachment, Complaint
from workflows.models import ComplaintProcess


@dataclass(frozen=True)
class DemoCasesPurge:
    complaints: int
    released_tasks: int


@transaction.atomic
def demo_cases_purge() -> DemoCasesPurge:
    """Deletes every complaint filed about a demo-district school, with its
    review process, tasks and uploaded files, and hands back to the queue any
    task a demo account holds elsewhere (deleting an account would otherwise
    delete the tasks it owns).

    Returns how many complaints were deleted and tasks released.
    """
    complaints = Complaint.objects.filter(school__district__slug=DEMO_DISTRICT_SLUG)
    files = list(Attachment.objects.filter(complaint__in=complaints).values_list("file", flat=True))
    # The process protects its complaint; its tasks go with it.
    ComplaintProcess.objects.filter(complaint__in=complaints).delete()
    count = complaints.count()
    complaints.delete()
    held = Task.objects.filter(owner__in=demo_users(), status__in=[STATUS.ASSIGNED, STATUS.STARTED])
    released = held.update(owner=None, status=STATUS.NEW)
    Task.objects.filter(owner__in=demo_users()).update(owner=None)

    def delete_files():
        storage = Attachment._meta.get_field("file").storage
        for name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
    return DemoCasesPurge(complaints=count, released_tasks=released)
