"""The staff review queue's pages: the filtered queue and its CSV export."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import is_coordinator
from core.audit import AuditKind, audit_record
from core.csv_export import csv_response
from workflows.flows import step_title
from workflows.review.queue import QueueCursorForm, QueueFilter, queue_page, queue_rows
from workflows.review.views import ReviewerView


class QueueView(ReviewerView):
    """Open tasks the person may work, filtered; every link keeps the filters."""

    def get(self, request):
        filterset = QueueFilter(request.GET, user=request.user)
        cursor = QueueCursorForm(request.GET)
        cursor_ok = cursor.is_valid()
        page = queue_page(
            filterset,
            after=cursor.cleaned_data.get("after") if cursor_ok else None,
            before=cursor.cleaned_data.get("before") if cursor_ok else None,
        )
        context = {
            "filter": filterset,
            "page": page,
            "rows": _rows_shown(page.rows),
            "total": page.total,
            "counts": page.counts,
            "cursor_error": not cursor_ok,
            "now": timezone.now(),
            "is_coordinator": is_coordinator(request.user),
        }
        return render(request, "workflows/review/queue.html", context)


# Stand-ins for the ids in a reversed URL: each row's links are these two URLs
# with the ids put in, instead of two namespaced reverse() calls per row (which
# were half the time of rendering a row).
_COMPLAINT, _TASK = 918273645, 546372819


def _rows_shown(tasks) -> list[tuple]:
    """(task, step title, case URL, claim URL) for each row of the page."""
    case = reverse("staff:reviews:case", args=[_COMPLAINT])
    claim = reverse("staff:reviews:task", args=[_COMPLAINT, _TASK, "claim"])
    rows = []
    for task in tasks:
        complaint = str(task.process.complaintprocess.complaint_id)
        rows.append(
            (
                task,
                step_title(task.flow_task.name),
                case.replace(str(_COMPLAINT), complaint),
                claim.replace(str(_COMPLAINT), complaint).replace(str(_TASK), str(task.pk)),
            )
        )
    return rows


class QueueExportView(ReviewerView):
    """The filtered queue as formula-safe CSV in the reader's language: only what
    the person may see; the export is audited."""

    def get(self, request):
        filterset = QueueFilter(request.GET, user=request.user)
        header = [_("Tracking code"), _("School"), _("Step"), _("Assigned to"), _("Due"), _("Status")]
        audit_record(actor=request.user, kind=AuditKind.QUEUE_EXPORTED, obj=None, note=request.GET.urlencode())
        return csv_response(filename="review-queue.csv", header=header, rows=_rows(filterset), streaming=True)


def _rows(filterset):
    for task in queue_rows(filterset).iterator(chunk_size=500):
        complaint = task.process.complaintprocess.complaint
        due = getattr(task, "due", None)
        yield (
            complaint.tracking_code,
            complaint.school.name,
            step_title(task.flow_task.name),
            task.owner.email if task.owner else "",
            due.due_at.date().isoformat() if due else "",
            complaint.get_public_status_display(),
        )
