"""The monthly review's steps waiting for a person, for the staff home page (workflows.waiting)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.rules import MonthlyRule, may_use_monthly, monthly_reviews_for
from workflows.monthly.filters import ReviewState
from workflows.monthly.flow import MonthlyReviewFlow
from workflows.monthly.models import MonthlyCertification
from workflows.waiting import Waiting, open_step_counts

STEPS = (MonthlyReviewFlow.certify, MonthlyReviewFlow.school_review, MonthlyReviewFlow.accept)


def _reviews(user, rule: str):
    reviews = monthly_reviews_for(user, rule)
    if rule == MonthlyRule.CERTIFY:  # each rostered SRO certifies: a month they have certified waits for others
        mine = MonthlyCertification.objects.filter(review=OuterRef("pk"), round=OuterRef("round"), officer__user=user)
        reviews = reviews.exclude(Exists(mine))
    return reviews


def monthly_waiting(user) -> Waiting | None:
    """Per step, the open monthly review steps ``user`` may do (each step's view names its rule)."""
    if not may_use_monthly(user):
        return None
    return Waiting(
        area=MonthlyReviewFlow.process_title,
        url=f"{reverse('staff:monthly:index')}?state={ReviewState.OPEN}",
        link=_("Open the monthly reviews"),
        steps=open_step_counts((node, _reviews(user, node.view.view_class.rule)) for node in STEPS),
    )
