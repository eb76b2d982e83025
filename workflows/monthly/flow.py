"""MonthlyReviewFlow: each school's month of SRO records, reviewed (issue 13, "Monthly review at each school").

opened by the worker -> the rostered SRO(s) certify -> the school administrator reviews (comments, a written
resolution for every MOU flag; or sends back to the SROs with a reason) -> the coordinator accepts (or sends
back) -> the month is locked and its summary mailed. Each human step has a deadline in school days; an overdue
step escalates to the coordinators without being interrupted, like the complaint flow.

Each human step names its own view (workflows/monthly/task_views.py), which holds the step's form and calls
the services in workflows/monthly/services.py. Who may do a step is ``accounts.rules.MonthlyRule``.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow, lock

from workflows.monthly import steps, task_views
from workflows.monthly.models import MonthlyReview

CERTIFY = "workflows.monthly_certify"
SCHOOL_REVIEW = "workflows.monthly_school_review"
ACCEPT = "workflows.monthly_accept"


def _step(view, title, permission: str, name: str, then):
    return (
        flow.View(view.as_view())
        .Annotation(title=title)
        .Permission(permission)
        .onCreate(steps.record_due(name))
        .OnTimeout(steps.due(name), then=then, interrupting=False)
    )


class MonthlyReviewFlow(flow.Flow):
    process_class = MonthlyReview
    lock_impl = lock.select_for_update_lock
    process_title = _("Monthly review")
    process_description = _("A school's month of SRO records: certified, reviewed, accepted and locked.")

    start = flow.StartHandle(this.start_process).Annotation(title=_("Month opened")).Next(this.certify)
    certify = _step(
        task_views.CertifyView, _("SRO certifies the month"), CERTIFY, "certify", this.escalate_certify
    ).Next(this.school_review)
    school_review = _step(
        task_views.SchoolReviewView, _("School review"), SCHOOL_REVIEW, "school_review", this.escalate_school_review
    ).Next(this.school_sent_back)
    school_sent_back = (
        flow.If(act.process.sent_back).Annotation(title=_("Sent back?")).Then(this.certify).Else(this.accept)
    )
    accept = _step(task_views.AcceptView, _("Coordinator accepts"), ACCEPT, "accept", this.escalate_accept).Next(
        this.accept_sent_back
    )
    accept_sent_back = (
        flow.If(act.process.sent_back).Annotation(title=_("Sent back?")).Then(this.certify).Else(this.lock_month)
    )
    lock_month = (
        flow.Function(steps.lock_and_report).Annotation(title=_("Lock the month and send the summary")).Next(this.end)
    )

    escalate_certify = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_school_review = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_accept = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalated = flow.End().Annotation(title=_("Escalated"))
    end = flow.End().Annotation(title=_("Accepted and locked"))

    def start_process(self, activation, *, school, month, ends_on):
        activation.process.school = school
        activation.process.month = month
        activation.process.ends_on = ends_on
        return activation.process


def step_title(name: str) -> str:
    """The title of the step ``name`` in the reader's language."""
    node = getattr(MonthlyReviewFlow, name, None)
    return str(node.task_title) if isinstance(node, flow.View) else name
