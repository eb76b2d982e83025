"""The views MonthlyReviewFlow's human steps name (``flow.View(CertifyView.as_view())``).

Each view owns its step's form and what completing it does; the review page asks each open task's node for its
view class to show the form, and the task URL hands a POST to the node's own view (as the complaint flow does).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.rules import MonthlyRule
from workflows.monthly import services
from workflows.monthly.forms import AcceptForm, CertifyForm, SchoolReviewForm
from workflows.monthly.selectors import flagged_events
from workflows.views.task_step import TaskStepView


class StepView(TaskStepView):
    rule = ""
    done_message = _("Done.")

    def subject_url(self, review) -> str:
        return reverse("staff:monthly:review", kwargs={"pk": review.pk})


class CertifyView(StepView):
    rule = MonthlyRule.CERTIFY
    done_message = _("You certified your records of this month.")

    @classmethod
    def form_for(cls, task, review, data=None):
        return CertifyForm(data)

    def complete(self, *, task, user, form):
        services.monthly_certify(task=task, user=user)


class SchoolReviewView(StepView):
    rule = MonthlyRule.SCHOOL_REVIEW
    done_message = _("Your review of this month is recorded.")

    @classmethod
    def form_for(cls, task, review, data=None):
        return SchoolReviewForm(data, flagged=flagged_events(review), initial={"comments": review.comments})

    def complete(self, *, task, user, form):
        services.monthly_school_review(
            task=task,
            user=user,
            comments=form.cleaned_data["comments"],
            resolutions=form.resolutions(),
            send_back_reason=form.send_back_reason,
        )


class AcceptView(StepView):
    rule = MonthlyRule.ACCEPT
    done_message = _("The month is decided.")

    @classmethod
    def form_for(cls, task, review, data=None):
        return AcceptForm(data)

    def complete(self, *, task, user, form):
        services.monthly_accept(task=task, user=user, send_back_reason=form.send_back_reason)
