"""ComplaintFlow: the review steps agreed in the district's MOU.

intake -> acknowledge -> triage -> school and/or police review (in parallel,
joined) -> outcome -> second approval (where the district asks for one) ->
notify complainant -> appeal window -> appeal review (when appealed) -> closed.
Out-of-scope complaints close at triage with an explanation. Human tasks get a
due date in school days; an overdue task escalates to the coordinators without
interrupting it.

Each human step names its own view (workflows/review/task_views.py), which
holds the step's form and calls the services in workflows/review/services.py.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import act, flow, lock

from accounts.backends import OUTCOME, POLICE_REVIEW, SCHOOL_REVIEW, TRIAGE
from workflows import casework_steps, steps
from workflows.models import ComplaintProcess
from workflows.review import task_views


def _complaint(process):
    # viewflow passes the ComplaintProcess when a task is made, the base Process when checking one.
    return process.complaint if isinstance(process, ComplaintProcess) else process.complaintprocess.complaint


class ComplaintFlow(flow.Flow):
    process_class = ComplaintProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Complaint review")
    process_description = _("How a complaint about an SRO or the SRO program is reviewed.")

    start = flow.StartHandle(this.start_process).Annotation(title=_("Complaint filed")).Next(this.acknowledge)
    acknowledge = flow.Function(steps.acknowledge).Annotation(title=_("Acknowledge")).Next(this.triage)

    triage = (
        flow.View(task_views.TriageView.as_view())
        .Annotation(title=_("Triage"))
        .Permission(TRIAGE, obj=_complaint)
        .onCreate(steps.record_due("triage"))
        .OnTimeout(steps.due("triage"), then=this.escalate_triage, interrupting=False)
        .Next(this.route)
    )
    route = (
        flow.If(steps.is_out_of_scope)
        .Annotation(title=_("Outside scope?"))
        .Then(this.close_out_of_scope)
        .Else(this.split_reviews)
    )
    split_reviews = (
        flow.Split()
        .Annotation(title=_("Route to reviews"))
        .Next(this.school_review, case=act.process.needs_school_review)
        .Next(this.police_review, case=act.process.needs_police_review)
    )
    school_review = (
        flow.View(task_views.SchoolReviewView.as_view())
        .Annotation(title=_("School review"))
        .Permission(SCHOOL_REVIEW, obj=_complaint)
        .onCreate(steps.record_due("school_review"))
        .OnTimeout(steps.due("school_review"), then=this.escalate_school_review, interrupting=False)
        .Next(this.join_reviews)
    )
    police_review = (
        flow.View(task_views.PoliceReviewView.as_view())
        .Annotation(title=_("Police review"))
        .Permission(POLICE_REVIEW, obj=_complaint)
        .onCreate(steps.record_due("police_review"))
        .OnTimeout(steps.due("police_review"), then=this.escalate_police_review, interrupting=False)
        .Next(this.join_reviews)
    )
    join_reviews = flow.Join().Annotation(title=_("Reviews done")).Next(this.outcome)
    outcome = (
        flow.View(task_views.OutcomeView.as_view())
        .Annotation(title=_("Outcome letter"))
        .Permission(OUTCOME, obj=_complaint)
        .onCreate(steps.record_due("outcome"))
        .OnTimeout(steps.due("outcome"), then=this.escalate_outcome, interrupting=False)
        .Next(this.needs_second_approval)
    )
    needs_second_approval = (
        flow.If(act.process.needs_second_approval)
        .Annotation(title=_("Second approval required?"))
        .Then(this.second_approval)
        .Else(this.notify_outcome)
    )
    second_approval = (
        flow.View(task_views.SecondApprovalView.as_view())
        .Annotation(title=_("Second approval of the outcome letter"))
        .Permission(OUTCOME, obj=_complaint)
        .onCreate(steps.record_due("outcome"))
        .OnTimeout(steps.due("outcome"), then=this.escalate_second_approval, interrupting=False)
        .Next(this.notify_outcome)
    )
    notify_outcome = (
        flow.Function(steps.notify_outcome).Annotation(title=_("Notify complainant")).Next(this.appeal_window)
    )
    appeal_window = (
        flow.Handle(steps.receive_appeal)
        .Annotation(title=_("Appeal window"))
        .OnTimeout(steps.due("appeal_window"), then=this.close, interrupting=True)
        .Next(this.appeal_review)
    )
    appeal_review = (
        flow.View(task_views.AppealReviewView.as_view())
        .Annotation(title=_("Appeal review"))
        .Permission(OUTCOME, obj=_complaint)
        .onCreate(steps.record_due("appeal_review"))
        .OnTimeout(steps.due("appeal_review"), then=this.escalate_appeal_review, interrupting=False)
        .Next(this.close)
    )
    close = flow.Function(steps.close).Annotation(title=_("Close")).Next(this.end)
    close_out_of_scope = (
        flow.Function(steps.close_out_of_scope).Annotation(title=_("Close: outside scope")).Next(this.end)
    )

    # Reached from any open step (workflows.review.transitions), never by a step's Next.
    withdraw = (
        flow.Function(casework_steps.withdraw).Annotation(title=_("Withdrawn by the complainant")).Next(this.withdrawn)
    )
    withdrawn = flow.End().Annotation(title=_("Withdrawn"))
    close_duplicate = (
        flow.Function(casework_steps.close_duplicate).Annotation(title=_("Close: duplicate")).Next(this.end)
    )
    reopen = flow.Function(casework_steps.reopen).Annotation(title=_("Reopened")).Next(this.triage)

    escalate_triage = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_school_review = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_police_review = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_outcome = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_second_approval = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_appeal_review = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalated = flow.End().Annotation(title=_("Escalated"))
    end = flow.End().Annotation(title=_("Closed"))

    def start_process(self, activation, complaint):
        activation.process.complaint = complaint
        activation.process.artifact = complaint
        return activation.process


def human_steps() -> list[tuple[str, str]]:
    """(node name, translated title) of every step people work, in the flow's order."""
    nodes = (getattr(ComplaintFlow, name, None) for name in vars(ComplaintFlow))
    return [(node.name, node.task_title) for node in nodes if isinstance(node, flow.View)]


def step_title(name: str) -> str:
    """The title of the step ``name`` ("school_review") in the reader's language."""
    node = getattr(ComplaintFlow, name, None)
    return str(node.task_title) if isinstance(node, flow.View) else name
