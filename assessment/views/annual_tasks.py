"""The views AnnualAssessmentFlow's human steps name (``flow.View(DistrictScoreView.as_view())``).

Each view owns its step's form and what completing it does; the assessment page asks every open
task's node for its view class to show the form, and the task URL hands a POST to the node's own
view. A new step adds a class here and nothing else: no switch on step names anywhere.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from assessment.models import Criterion, Score
from assessment.services import annual as services
from assessment.views.annual_forms import ApproveForm, ConfirmForm, ScoreForm
from workflows.views.task_step import TaskStepView


def _criteria(assessment) -> list[Criterion]:
    return list(assessment.scored_criteria())


class StepView(TaskStepView):
    template_name = ""
    done_message = _("Saved.")

    def subject_url(self, assessment) -> str:
        return reverse("staff:assessment:annual", kwargs={"pk": assessment.pk})


class ScoreView(StepView):
    """One side scores every criterion, without seeing the other side's scores."""

    template_name = "assessment/annual/step_score.html"
    done_message = _("Your scores are recorded. The other side's scores show once both have scored.")

    @classmethod
    def form_for(cls, task, assessment, data=None):
        return ScoreForm(data, criteria=_criteria(assessment), prefix=f"t{task.pk}")

    def complete(self, *, task, user, form):
        services.annual_scores_submit(task=task, user=user, scores=form.scores())


class DistrictScoreView(ScoreView):
    pass


class AgencyScoreView(ScoreView):
    pass


class ReconcileView(StepView):
    template_name = "assessment/annual/step_score.html"
    done_message = _("The agreed scores are recorded; the advisory team review is open.")

    @classmethod
    def form_for(cls, task, assessment, data=None):
        """Where both sides gave the same score, it is offered as the agreed one."""
        sides: dict[int, set[int]] = {}
        for criterion_id, score in Score.objects.filter(assessment=assessment).values_list("criterion_id", "score"):
            sides.setdefault(criterion_id, set()).add(score)
        initial = {f"c{pk}_score": scores.pop() for pk, scores in sides.items() if len(scores) == 1}
        return ScoreForm(data, criteria=_criteria(assessment), prefix=f"t{task.pk}", initial=initial)

    def complete(self, *, task, user, form):
        services.annual_reconcile(task=task, user=user, agreed=form.scores())


class AdvisoryCloseView(StepView):
    """The review closes by itself when every member has answered; the coordinator may close it sooner."""

    template_name = "assessment/annual/step_close.html"
    done_message = _("The advisory team review is closed; the approvals are open.")

    @classmethod
    def form_for(cls, task, assessment, data=None):
        return ConfirmForm(data, prefix=f"t{task.pk}")

    def complete(self, *, task, user, form):
        services.annual_advisory_close(task=task, user=user)


class ApproveView(StepView):
    template_name = "assessment/annual/step_approve.html"
    done_message = _("Your approval is recorded.")

    @classmethod
    def form_for(cls, task, assessment, data=None):
        return ApproveForm(data, prefix=f"t{task.pk}")

    def complete(self, *, task, user, form):
        services.annual_approve(task=task, user=user, note=form.cleaned_data["note"])
