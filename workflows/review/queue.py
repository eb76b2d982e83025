"""The staff review queue: its filters (a django-filter FilterSet), its counts
and its pages.

Who reaches which task is decided in accounts.rules; this module turns that
into the queue's querysets. The rules are read through each open task's
``QueueEntry`` (workflows.review.queue_entries), which keeps the complaint
facts they need beside the task, so the queue never walks task -> process ->
complaint -> school for every open task. A queue page costs the same queries
at any size or depth: the school choices, the per-step counts (one grouped
count), the ids of the page's tasks found by keyset ("seek") pagination on the
sort key instead of an OFFSET, and their rows. Filtered by a concern, the
queue counts and walks that concern's rows (``QueueEntryConcern``, a copy of
each entry with the concern, under the same column names) instead of the
entries, so the count reads only that concern's open tasks and a page walks the
concern's own index, stopping after a page however rare the concern is.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

import django_filters
from django import forms
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Task

from accounts.backends import TASK_RULES
from accounts.rules import NOTHING, any_of, conflicted_complaint_ids, records_q, visible_schools
from complaints.models import AllegationCategory, PublicStatus
from workflows.flows import ComplaintFlow, human_steps
from workflows.models import QueueEntry, QueueEntryConcern, TaskDue
from workflows.review.queue_form import QueueFilterForm
from workflows.review.selectors import OPEN

PAGE_SIZE = 25
_TASK_COMPLAINT = "process__complaintprocess__complaint__"
# A queue entry (and a concern row, its copy) reads like its complaint to the
# access rules (school, officer, process); it keeps copies of the complaint's id
# and district and of the route.
_ENTRY_COLUMNS = {"pk": "complaint_id", "school__district_id": "district_id", "process__route": "route"}

# The steps people work, as the flow declares them: (node name, translated title).
STEPS = human_steps()

# Each sort: the entry's copy of the task column it orders by, ascending or
# not; ties are broken by the task id, so (key, task) names one row: the keyset
# cursor. Both have an index on (key, task).
SORTS = {
    "due": ("due_at", True),
    "-due": ("due_at", False),
    "created": ("created", True),
}
SORT_CHOICES = [
    ("due", _("Due date, soonest first")),
    ("-due", _("Due date, latest first")),
    ("created", _("Oldest task first")),
]


def _node(step: str):
    return getattr(ComplaintFlow, step)


# What the queue filters, counts and pages: the open tasks' entries, or with a
# concern chosen that concern's rows (the same columns).
QueueRows = QuerySet[QueueEntry] | QuerySet[QueueEntryConcern]


def _actionable_q(user) -> Q:
    """Queue entries of the open tasks ``user`` may work: each task permission's
    rule on the entry (the person's conflicted complaints read once, as ids)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    conflicted = conflicted_complaint_ids(user)
    reached = (
        (permission, records_q(user, rule, columns=_ENTRY_COLUMNS, conflicted=conflicted))
        for permission, rule in TASK_RULES.items()
    )
    return any_of(Q(owner_permission=permission) & q for permission, q in reached if q != NOTHING)


def open_entries_for(user) -> QuerySet[QueueEntry]:
    """The queue entries of every open task ``user`` (or their team) may work."""
    return QueueEntry.objects.filter(_actionable_q(user))


def open_tasks_for(user) -> QuerySet[Task]:
    """Every open task ``user`` (or their team) may work, unfiltered and unsorted."""
    return _tasks_of(open_entries_for(user))


def _tasks_of(entries: QueueRows) -> QuerySet[Task]:
    """The tasks of ``entries`` (or concern rows) that are open (an entry never lists a closed task)."""
    return Task.objects.filter(pk__in=entries.values("task_id"), status__in=OPEN)


class QueueFilter(django_filters.FilterSet):
    """The queue's filters. Built per request: the school choices are the
    schools the person may see (accounts.rules.visible_schools)."""

    school = django_filters.ChoiceFilter(label=_("School"), field_name="school_id", empty_label=_("All schools"))
    category = django_filters.ChoiceFilter(
        label=_("Concern"), choices=AllegationCategory.choices, empty_label=_("All concerns"), method="_category"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="complaint__public_status",
        choices=PublicStatus.choices,
        empty_label=_("All statuses"),
    )
    step = django_filters.ChoiceFilter(label=_("Step"), choices=STEPS, empty_label=_("All steps"), method="_step")
    sort = django_filters.ChoiceFilter(label=_("Sort by"), choices=SORT_CHOICES, empty_label=None, method="_sort")
    mine = django_filters.BooleanFilter(label=_("Only my tasks"), widget=forms.CheckboxInput, method="_mine")
    overdue = django_filters.BooleanFilter(
        label=_("Only overdue or escalated"), widget=forms.CheckboxInput, method="_overdue"
    )

    class Meta:
        model = QueueEntry
        fields = ["school", "category", "status", "step", "sort", "mine", "overdue"]
        form = QueueFilterForm  # its labels and selects written in Python (queue_form)

    def __init__(self, data=None, *, user, **kwargs):
        self.reached = _actionable_q(user)
        super().__init__(data, queryset=QueueEntry.objects.filter(self.reached), **kwargs)
        self.user = user
        self.filters["school"].extra["choices"] = [
            (pk, name) for pk, name in visible_schools(user).order_by("name").values_list("pk", "name")
        ]

    def _category(self, queryset, name, value):
        return queryset  # a chosen concern picks the rows filtered (filtered), not a filter

    def _step(self, queryset, name, value):
        return queryset.filter(flow_task=_node(value)) if value else queryset

    def _sort(self, queryset, name, value):
        return queryset  # the order is the page's keyset (queue_page), not a filter

    def _mine(self, queryset, name, value):
        return queryset.filter(task__owner=self.user) if value else queryset

    def _overdue(self, queryset, name, value):
        # Escalated tasks count as overdue even when their due date was moved on.
        # The due date is the entry's copy (a walk of the due-date index meets the
        # overdue tasks first); escalation is read live, by the entry's task id.
        escalated = TaskDue.objects.filter(task_id=OuterRef("task_id"), escalated_at__isnull=False)
        late = Q(due_at__lt=timezone.now()) | Exists(escalated)
        return queryset.filter(late) if value else queryset

    @property
    def sort_key(self) -> str:
        """The chosen sort (the default when none or an invalid one was asked)."""
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return data.get("sort") or "due"

    def filtered(self, *, skip: frozenset[str] = frozenset()) -> QueueRows:
        """The entries of the open tasks matching every valid filter but those in
        ``skip`` (with a concern chosen, that concern's rows of them: at most one
        per task); no tasks at all while any filter is invalid."""
        if self.is_bound and not self.form.is_valid():
            return self.queryset.none()
        data = self.form.cleaned_data if self.is_bound else {}
        concern = data.get("category")
        queryset = QueueEntryConcern.objects.filter(self.reached, category=concern) if concern else self.queryset.all()
        for name, value in data.items():
            if name not in skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def qs(self) -> QueueRows:
        if not hasattr(self, "_qs"):
            self._qs = self.filtered()
        return self._qs


class QueueCursorForm(forms.Form):
    """Where a page starts: after (or before) the task with this id, in the chosen sort."""

    after = forms.IntegerField(min_value=1, required=False)
    before = forms.IntegerField(min_value=1, required=False)


class PageRow(NamedTuple):
    """What a queue row shows of one task, read as plain values (no model
    instances: 25 tasks with their owner, due date, complaint and school as
    objects cost more than the query itself)."""

    task_id: int
    flow_task: object  # the flow node
    owner_full_name: str | None
    owner_email: str | None
    due_at: datetime | None
    escalated_at: datetime | None
    complaint_id: int
    tracking_code: str
    school_name: str


# What a row shows, read from its task's queue entry: the step, due date,
# complaint and school are the entry's own columns (joining the complaint and
# school only for their code and name); the owner and escalation are read live
# through the task.
_PAGE_ROW_PATHS = [
    "task_id",
    "flow_task",
    "task__owner__full_name",
    "task__owner__email",
    "due_at",
    "task__due__escalated_at",
    "complaint_id",
    "complaint__tracking_code",
    "school__name",
]


@dataclass
class QueuePage:
    """One page of the queue: its rows, the task ids that start the next and
    previous pages (None when there is none), how many tasks match, and for
    each step how many match the other filters: [(step, label, count)]."""

    rows: list[PageRow]
    next_after: int | None
    previous_before: int | None
    is_first: bool
    total: int
    counts: list[tuple[str, str, int]]


def _beyond_q(sort: str, pk: int, *, forward: bool) -> Q:
    """Entries (or concern rows) strictly beyond task ``pk`` in ``sort`` order (before it when not ``forward``)."""
    key, ascending = SORTS[sort]
    value = Subquery(QueueEntry.objects.filter(task_id=pk).values(key)[:1])
    op = "gt" if ascending == forward else "lt"
    return Q(**{f"{key}__{op}": value}) | Q(**{key: value, f"task_id__{op}": pk})


def _order(sort: str, *, on_tasks: bool = False, reverse: bool = False) -> list[str]:
    """The ``order_by`` of ``sort`` for entries or concern rows (or for their tasks: ``on_tasks``)."""
    key, ascending = SORTS[sort]
    first = f"queue_entry__{key}" if on_tasks else key
    columns = [first, "pk" if on_tasks else "task_id"]
    return [f"{'' if ascending != reverse else '-'}{column}" for column in columns]


_ROW_FIELDS = [
    "flow_task",
    "owner__email",
    "owner__full_name",
    "due__due_at",
    "due__escalated_at",
    f"{_TASK_COMPLAINT}tracking_code",
    f"{_TASK_COMPLAINT}public_status",
    f"{_TASK_COMPLAINT}school__name",
]


def _with_row(tasks: QuerySet[Task]) -> QuerySet[Task]:
    """``tasks`` with what a row shows joined in, and nothing more."""
    related = ["owner", "due", f"{_TASK_COMPLAINT.removesuffix('__')}__school"]
    return tasks.select_related(*related).only(*_ROW_FIELDS)


def queue_rows(filterset: QueueFilter) -> QuerySet[Task]:
    """Every matching task in the chosen sort, with what a row shows (owner,
    due date, complaint and school joined in)."""
    return _with_row(_tasks_of(filterset.qs)).order_by(*_order(filterset.sort_key, on_tasks=True))


def _step_counts(filterset: QueueFilter) -> list[tuple[str, str, int]]:
    """For each step, how many tasks match every filter but the step (one grouped count)."""
    step_chosen = filterset.is_valid() and filterset.form.cleaned_data.get("step")
    entries = filterset.filtered(skip=frozenset({"step"})) if step_chosen else filterset.qs
    grouped = entries.values_list("flow_task").annotate(n=Count("pk"))
    by_name = {getattr(node, "name", node): n for node, n in grouped.order_by()}
    return [(step, title, by_name.get(step, 0)) for step, title in STEPS]


def queue_page(filterset: QueueFilter, *, after: int | None = None, before: int | None = None) -> QueuePage:
    """The page of matching tasks after task ``after`` (or before task
    ``before``; the first page with neither), with the counts: one grouped
    count over the entries, one walk of the matching entries beyond the cursor
    in the sort's index that stops after 26, and the rows of those 26 tasks."""
    sort = filterset.sort_key
    data = filterset.form.cleaned_data if filterset.is_valid() else {}
    chosen = data.get("step")
    entries = filterset.qs
    if before:
        entries = entries.filter(_beyond_q(sort, before, forward=False))
    elif after:
        entries = entries.filter(_beyond_q(sort, after, forward=True))
    counts = _step_counts(filterset)
    total = sum(n for step, _label, n in counts if not chosen or step == chosen)
    reverse = bool(before)
    # The ids first, then their rows: given 26 ids, the database joins a row's
    # task, owner, complaint and school for those 26 only.
    walk = entries.order_by(*_order(sort, reverse=reverse))
    page_ids = list(walk.values_list("task_id", flat=True)[: PAGE_SIZE + 1])
    shown = QueueEntry.objects.filter(task_id__in=page_ids, task__status__in=OPEN)
    shown = shown.order_by(*_order(sort, reverse=reverse))
    rows = [PageRow(*values) for values in shown.values_list(*_PAGE_ROW_PATHS)]
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    if before:
        rows.reverse()
        first, last = (rows[0].task_id, rows[-1].task_id) if rows else (None, None)
        return QueuePage(rows, last, first if more else None, not more, total, counts)
    first, last = (rows[0].task_id, rows[-1].task_id) if rows else (None, None)
    return QueuePage(rows, last if more else None, first if after else None, not after, total, counts)


def queue_for(user, **filters) -> QuerySet[Task]:
    """Open tasks ``user`` may work, filtered as the queue's query string would
    (e.g. ``overdue=True``), in the queue's order, with what a row shows."""
    data = {name: value for name, value in filters.items() if value not in (None, False, "")}
    return queue_rows(QueueFilter(data, user=user))
