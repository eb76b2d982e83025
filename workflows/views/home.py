"""The staff home page: what is waiting for the person, before anything else."""

from django.db.models import Count, Q
from django.utils import timezone
from django.views.generic import TemplateView

from accounts import selectors as account_selectors
from accounts.rules import is_coordinator
from workflows.review.officers import early_warnings_for
from workflows.review.queue import open_tasks_for
from workflows.review.selectors import schools_without_administrator
from workflows.waiting import waiting_for


class StaffHomeView(TemplateView):
    """Open complaint review steps the person may work (per step, theirs,
    overdue), the open steps of the other flows they may do (workflows.waiting),
    officers' early warnings waiting for what was done, school reviews the
    coordinator holds because a school has no administrator, then their roles."""

    template_name = "workflows/staff_home.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        tasks = open_tasks_for(user)
        overdue = Q(due__due_at__lt=timezone.now()) | Q(due__escalated_at__isnull=False)
        totals = tasks.aggregate(
            total=Count("pk"), mine=Count("pk", filter=Q(owner=user)), overdue=Count("pk", filter=overdue)
        )
        per_step = tasks.values("flow_task").annotate(n=Count("pk")).order_by("flow_task")
        return super().get_context_data(
            totals=totals,
            per_step=[(row["flow_task"].task_title, row["n"]) for row in per_step],
            other_flows=waiting_for(user),
            open_warnings=early_warnings_for(user).filter(resolved_at__isnull=True).order_by("raised_at")[:20],
            held_schools=schools_without_administrator(user) if is_coordinator(user) else [],
            memberships=account_selectors.memberships_for(user),
            **kwargs,
        )
