"""AnnualAssessmentFlow: one district's assessment of one school year (model MOU item 12).

open (coordinator) -> evidence pack compiled -> the district and the agency score the rubric
in parallel, each blind to the other -> reconcile (agreed score and note per criterion) ->
advisory team review (comments, recommendations, each member's sign-off or dissent) ->
superintendent and agency head approve (in parallel) -> publish. Human tasks get a due date in
school days; an overdue task is escalated to the coordinators without interrupting it.

Each human step names its own view (assessment/views/annual_tasks.py), which holds the step's
form and calls the services in assessment/services/annual.py. The nodes carry no viewflow
``.Permission``: who may do a step is ``accounts.rules.assessment.ANNUAL_TASK_RULES``, checked
by the services.
"""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from assessment.models import AnnualProcess, Criterion
from assessment.services import annual_steps as steps
from assessment.views import annual_tasks


def _human(view, name: str, title):
    return (
        flow.View(view)
        .Annotation(title=title)
        .onCreate(steps.record_due(name))
        .OnTimeout(steps.due(name), then=getattr(this, f"escalate_{name}"), interrupting=False)
    )


class AnnualAssessmentFlow(flow.Flow):
    process_class = AnnualProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Annual assessment")
    process_description = _("The district and the agency assess the SRO program's school year together.")

    start = flow.StartHandle(this.start_process).Annotation(title=_("Year opened")).Next(this.compile_evidence)
    compile_evidence = (
        flow.Function(steps.compile_evidence).Annotation(title=_("Evidence compiled")).Next(this.split_scoring)
    )
    split_scoring = flow.Split().Annotation(title=_("Score")).Next(this.district_score).Next(this.agency_score)
    district_score = _human(
        annual_tasks.DistrictScoreView.as_view(), "district_score", _("District scores the rubric")
    ).Next(this.join_scoring)
    agency_score = _human(annual_tasks.AgencyScoreView.as_view(), "agency_score", _("Agency scores the rubric")).Next(
        this.join_scoring
    )
    join_scoring = flow.Join().Annotation(title=_("Both scored")).Next(this.reconcile)
    reconcile = _human(annual_tasks.ReconcileView.as_view(), "reconcile", _("Reconcile the scores")).Next(
        this.advisory_review
    )
    advisory_review = _human(
        annual_tasks.AdvisoryCloseView.as_view(), "advisory_review", _("Advisory team review")
    ).Next(this.split_approval)
    split_approval = (
        flow.Split().Annotation(title=_("Approve")).Next(this.superintendent_approval).Next(this.agency_approval)
    )
    superintendent_approval = _human(
        annual_tasks.ApproveView.as_view(), "superintendent_approval", _("Superintendent approves")
    ).Next(this.join_approval)
    agency_approval = _human(annual_tasks.ApproveView.as_view(), "agency_approval", _("Agency head approves")).Next(
        this.join_approval
    )
    join_approval = flow.Join().Annotation(title=_("Both approved")).Next(this.publish)
    publish = flow.Function(steps.publish).Annotation(title=_("Publish")).Next(this.end)

    escalate_district_score = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_agency_score = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_reconcile = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_advisory_review = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalate_superintendent_approval = (
        flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    )
    escalate_agency_approval = flow.Function(steps.escalate).Annotation(title=_("Escalate")).Next(this.escalated)
    escalated = flow.End().Annotation(title=_("Escalated"))
    end = flow.End().Annotation(title=_("Done"))

    def start_process(self, activation, district, school_year):
        activation.process.district = district
        activation.process.school_year = school_year
        activation.process.criteria = list(
            Criterion.objects.filter(district=district, active=True)
            .order_by("position", "pk")
            .values_list("pk", flat=True)
        )
        return activation.process


def step_title(name: str) -> str:
    """The title of the step ``name`` ("reconcile") in the reader's language."""
    node = getattr(AnnualAssessmentFlow, name, None)
    return str(node.task_title) if isinstance(node, flow.View) else name
