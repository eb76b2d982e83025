"""The staff review queue's pages: the filtered queue and its CSV export."""

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.rules import is_coordinator
from core.audit import AuditAction, audit_record
from workflows.review.queue import STEP_LABELS, QueueCursorForm, QueueFilter, queue_page, queue_rows
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
            "rows": [(task, STEP_LABELS.get(task.flow_task.name, task.flow_task.name)) for task in page.rows],
            "total": page.total,
            "counts": page.counts,
            "cursor_error": not cursor_ok,
            "now": timezone.now(),
            "is_coordinator": is_coordinator(request.user),
        }
        return render(request, "workflows/review/queue.html", context)


class QueueExportView(ReviewerView):
    """The filtered queue as CSV: only what the person may see; the export is audited."""

    def get(self, request):
        filterset = QueueFilter(request.GET, user=request.user)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="review-queue.csv"'
        writer = csv.writer(response)
        writer.writerow(["tracking_code", "school", "step", "owner", "due", "status"])
        for task in queue_rows(filterset).iterator(chunk_size=500):
            complaint = task.process.complaintprocess.complaint
            due = getattr(task, "due", None)
            writer.writerow(
                [
                    complaint.tracking_code,
                    complaint.school.name,
                    task.flow_task.name,
                    task.owner.email if task.owner else "",
                    due.due_at.date().isoformat() if due else "",
                    complaint.public_status,
                ]
            )
        audit_record(
            actor=request.user, action=AuditAction.EXPORTED, obj=None, note="review queue CSV", request=request
        )
        return response
