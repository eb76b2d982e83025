"""The views ComplaintFlow's human steps name (``flow.View(TriageView.as_view())``).

Each view owns its step's form and what completing it does; the case page asks
every open task's node for its view class to show the form, and the task URL
hands a POST to the node's own view. So a new step, or a new flow, adds a view
class here and nothing else: no switch on step names anywhere.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workflows.letters import outcome_letter_draft, suggested_final_findings
from workflows.review import services
from workflows.review.forms import AppealDecisionForm, FindingsForm, OutcomeForm, SecondApprovalForm, TriageForm
from workflows.views.task_step import TaskStepView


class StepView(TaskStepView):
    def subject_url(self, complaint) -> str:
        return reverse("staff:reviews:case", kwargs={"complaint_id": complaint.pk})

    def done_text(self, complaint) -> str:
        return self.done_message % {"code": complaint.tracking_code}


class TriageView(StepView):
    done_message = _("Triage of %(code)s is done; the complaint is routed.")

    @classmethod
    def form_for(cls, task, complaint, data=None):
        return TriageForm(data, attachments=complaint.attachments.filter(from_complainant=True).order_by("created_at"))

    def complete(self, *, task, user, form):
        data = form.cleaned_data
        services.triage_complete(
            task=task,
            user=user,
            route=data["route"],
            emergency=data["emergency"],
            explanation=data["explanation"],
            shared_files=list(data.get("shared_files") or []),
        )


class ReviewView(StepView):
    """School review or police review: a finding for every concern."""

    review = ""
    done_message = _("Your findings on %(code)s are recorded.")

    @classmethod
    def form_for(cls, task, complaint, data=None):
        return FindingsForm(data, allegations=complaint.allegations.all())

    def complete(self, *, task, user, form):
        services.review_complete(task=task, user=user, review=self.review, findings=form.findings())


class SchoolReviewView(ReviewView):
    review = "school"


class PoliceReviewView(ReviewView):
    review = "police"


class OutcomeView(StepView):
    done_message = _("The outcome letter of %(code)s is approved.")

    @classmethod
    def form_for(cls, task, complaint, data=None):
        allegations = list(complaint.allegations.prefetch_related("findings"))
        return OutcomeForm(
            data,
            allegations=allegations,
            initial={"letter": outcome_letter_draft(complaint), **suggested_final_findings(allegations)},
        )

    def complete(self, *, task, user, form):
        services.outcome_complete(task=task, user=user, letter=form.cleaned_data["letter"], finals=form.finals())


class SecondApprovalView(StepView):
    done_message = _("The outcome letter of %(code)s is approved and sent.")

    @classmethod
    def form_for(cls, task, complaint, data=None):
        letter = getattr(complaint, "outcome_letter", None)
        return SecondApprovalForm(data, initial={"letter": letter.body if letter else ""})

    def complete(self, *, task, user, form):
        services.outcome_second_approve(task=task, user=user, letter=form.cleaned_data["letter"])


class AppealReviewView(StepView):
    done_message = _("The appeal decision on %(code)s is recorded and sent.")

    @classmethod
    def form_for(cls, task, complaint, data=None):
        return AppealDecisionForm(data)

    def complete(self, *, task, user, form):
        services.appeal_decide(task=task, user=user, decision=form.cleaned_data["decision"])
