"""The staff review queue's pages: the filtered queue and its CSV export."""

from dataclasses import dataclass

from django.shortcuts import render
from django.template.backends.utils import csrf_input
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localdate
from django.utils.translation import gettext as _

from accounts.rules import is_coordinator
from core.audit import AuditKind, audit_record
from core.csv_export import csv_response
from workflows.flows import step_title
from workflows.review.queue import PageRow, QueueCursorForm, QueueFilter, queue_page, queue_rows
from workflows.review.views import ReviewerView


class QueueView(ReviewerView):
    """Open tasks the person may work, filtered; every link keeps the filters."""

    def get(self, request):
        filterset = QueueFilter(request.GET, user=request.user)
        now = timezone.now()
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
            "rows": _rows_shown(page.rows, now),
            "total": page.total,
            "counts": page.counts,
            "cursor_error": not cursor_ok,
            "is_coordinator": is_coordinator(request.user),
            # The claim forms' CSRF field, rendered once for every row.
            "csrf_input": csrf_input(request),
        }
        return render(request, "workflows/review/queue.html", context)


# Stand-ins for the ids in a reversed URL: each row's links are these two URLs
# with the ids put in, instead of two namespaced reverse() calls per row (which
# were half the time of rendering a row).
_COMPLAINT, _TASK = 918273645, 546372819


@dataclass(frozen=True, slots=True)
class QueueRow:
    """What one row of the queue shows, worked out in Python once per row, so
    the template only prints it (a row costs the same at any page size)."""

    code: str
    school: str
    step: str
    owner: str
    due: str
    flag: str
    case_url: str
    claim_url: str
    claim_label: str


class _RowWords:
    """The words and dates rows share, translated and formatted once per page."""

    def __init__(self, now):
        self.now = now
        self.escalated, self.overdue = _("escalated"), _("overdue")
        self.claim_label = _("Claim and open %(code)s")
        self.steps: dict[str, str] = {}
        self.days: dict = {}

    def step(self, name: str) -> str:
        if name not in self.steps:
            self.steps[name] = step_title(name)
        return self.steps[name]

    def due(self, due_at) -> str:
        if due_at is None:
            return ""
        day = localdate(due_at)  # the district's day: a deadline's end of day is already tomorrow in UTC
        if day not in self.days:
            self.days[day] = date_format(day, "DATE_FORMAT")
        return self.days[day]

    def flag(self, row: PageRow) -> str:
        """The row's warning: escalated (first: its due date may have moved on), overdue, or none."""
        if row.escalated_at:
            return self.escalated
        return self.overdue if row.due_at is not None and row.due_at < self.now else ""


def _rows_shown(rows: list[PageRow], now) -> list[QueueRow]:
    """What each row of the page shows, in order."""
    case = reverse("staff:reviews:case", args=[_COMPLAINT])
    claim = reverse("staff:reviews:task", args=[_COMPLAINT, _TASK, "claim"])
    words = _RowWords(now)
    shown = []
    for row in rows:
        complaint_id = str(row.complaint_id)
        shown.append(
            QueueRow(
                code=row.tracking_code,
                school=row.school_name,
                step=words.step(row.flow_task.name),
                # As the person's name reads everywhere (User.__str__).
                owner=row.owner_full_name or row.owner_email or "",
                due=words.due(row.due_at),
                flag=words.flag(row),
                case_url=case.replace(str(_COMPLAINT), complaint_id),
                claim_url=claim.replace(str(_COMPLAINT), complaint_id).replace(str(_TASK), str(row.task_id)),
                claim_label=words.claim_label % {"code": row.tracking_code},
            )
        )
    return shown


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
            # As the page shows the holder: their name (User.__str__).
            str(task.owner) if task.owner else "",
            localdate(due.due_at).isoformat() if due else "",
            complaint.get_public_status_display(),
        )
