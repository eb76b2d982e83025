"""Staff pages of the monthly review: the reviews list, one review with its open step, and the step's POST.

Every page answers 404 to anyone outside its scope (``accounts.rules.MonthlyRule``) and is audited."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views import View

from accounts.rules import (
    coordinated_districts,
    get_monthly_review_for_user,
    is_coordinator,
    may_monthly,
    may_use_monthly,
    monthly_reviews_for,
)
from activity.services.flags import event_flags
from core.audit import AuditKind, audit_record
from workflows.monthly import selectors
from workflows.monthly.filters import ReviewFilter
from workflows.monthly.services import officers_to_certify, rostered_officers

PAGE_SIZE = 25


class MonthlyAreaView(View):
    def dispatch(self, request, *args, **kwargs):
        if not may_use_monthly(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def _filter_note(request) -> str:
    return request.GET.urlencode()[:300]


class ReviewListView(MonthlyAreaView):
    """The reviews the person reaches, newest month first, filtered and paginated."""

    def get(self, request):
        reviews = monthly_reviews_for(request.user).select_related("school").order_by("-month", "school__name", "pk")
        found = ReviewFilter(request.GET or None, queryset=reviews, user=request.user)
        rows = found.qs if found.is_bound and found.is_valid() else reviews
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        audit_record(
            actor=request.user, kind=AuditKind.MONTHLY_VIEWED, obj=None, note=_filter_note(request), request=request
        )
        context = {"filter": found, "page_obj": page, "reviews": page, "districts": _districts(request.user)}
        return render(request, "workflows/monthly/index.html", context)


def _districts(user):
    """The districts whose notification deadlines ``user`` sets (a coordinator's)."""
    return coordinated_districts(user) if is_coordinator(user) else []


def _step_view(task):
    return getattr(task.flow_task.view, "view_class", None)


def _tasks(request, review, forms_override) -> list[dict]:
    """The review's open steps, each with its form when the person may do it."""
    rows = []
    for task in selectors.open_tasks(review):
        step = _step_view(task)
        can_act = bool(step) and may_monthly(request.user, step.rule, review)
        form = (forms_override or {}).get(task.pk) or (step.form_for(task, review) if can_act else None)
        rows.append({"task": task, "can_act": can_act, "form": form, "due": getattr(task, "due", None)})
    return rows


class ReviewView(MonthlyAreaView):
    """One school's month: its steps, certifications, events (an SRO: only their own) and flags."""

    def get(self, request, pk, forms_override=None):
        review = get_monthly_review_for_user(request.user, pk)
        audit_record(actor=request.user, kind=AuditKind.MONTHLY_VIEWED, obj=review, request=request)
        events = list(selectors.month_events(review, request.user).prefetch_related("flag_resolutions"))
        for event in events:
            resolutions = {r.code: r for r in event.flag_resolutions.all()}
            event.flag_rows = [(check, resolutions.get(check.code)) for check in event_flags(event)]
        context = {
            "review": review,
            "tasks": _tasks(request, review, forms_override),
            "events": events,
            "certifications": review.certifications.select_related("officer", "certified_by").order_by("round", "pk"),
            "rostered": rostered_officers(review),
            "to_certify": officers_to_certify(review),
        }
        return render(request, "workflows/monthly/review.html", context)


class TaskView(MonthlyAreaView):
    """POST: completes one open step of the review through the view its flow node names."""

    def post(self, request, pk, task_id):
        review = get_monthly_review_for_user(request.user, pk)
        task = get_object_or_404(selectors.open_tasks(review), pk=task_id)
        step = _step_view(task)
        if step is None or not may_monthly(request.user, step.rule, review):
            raise Http404
        return task.flow_task.view(request, subject=review, task=task, page_view=ReviewView().get)
