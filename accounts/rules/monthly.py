"""Rules on the monthly review of a school's SRO records (``workflows.MonthlyReview``).

A review is read by the district's coordinators, the school's administrators and the SROs rostered at the
school during its month; each step is done by one of them (``MonthlyRule.CERTIFY``/``SCHOOL_REVIEW``/``ACCEPT``).
When a month is accepted its summary goes to the school's administrators, the district's coordinators and the
chief and police reviewers of each agency with an officer rostered there (``monthly_summary_recipients``).
"""

from django.apps import apps
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import scope_for
from accounts.models import Membership, Role, RosterAssignment, User
from accounts.rules.grants import Grant, reach_q


class MonthlyRule:
    VIEW = "monthly.view"
    CERTIFY = "monthly.certify"  # an SRO rostered at the school that month
    SCHOOL_REVIEW = "monthly.school_review"
    ACCEPT = "monthly.accept"


_SCHOOL_ADMIN = Grant(Role.SCHOOL_ADMIN, "school_id", "school_id")
_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "school__district_id")
_SRO = Grant(Role.SRO, "district_id", "school__district_id")  # narrowed to the rostered officer in monthly_q
MONTHLY_RULES: dict[str, tuple[Grant, ...]] = {
    MonthlyRule.VIEW: (_SRO, _SCHOOL_ADMIN, _COORDINATOR),
    MonthlyRule.CERTIFY: (_SRO,),
    MonthlyRule.SCHOOL_REVIEW: (_SCHOOL_ADMIN,),
    MonthlyRule.ACCEPT: (_COORDINATOR,),
}
_SUMMARY_AGENCY_ROLES = (Role.AGENCY_HEAD, Role.POLICE_REVIEWER)


def rostered_q(*, school: str = "school", first: str = "month", last: str = "ends_on", **officer) -> Exists:
    """Some officer matching ``officer`` (lookups) was rostered at the review's school during its month."""
    return Exists(
        RosterAssignment.objects.filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=OuterRef(first)),
            school=OuterRef(school),
            starts_on__lte=OuterRef(last),
            **{f"officer__{k}": v for k, v in officer.items()},
        )
    )


def monthly_q(user, rule: str) -> Q:
    """The filter for the monthly reviews ``user`` reaches under ``rule``."""
    sro_agencies = sorted(scope_for(user).agency_ids(Role.SRO)) if user.is_authenticated else []
    own = Q(rostered_q(user=user, agency_id__in=sro_agencies))
    return reach_q(user, MONTHLY_RULES[rule], narrow={Role.SRO: own})


def monthly_reviews_for(user, rule: str = MonthlyRule.VIEW) -> QuerySet:
    """The monthly reviews ``user`` reaches under ``rule``."""
    return apps.get_model("workflows", "MonthlyReview").objects.filter(monthly_q(user, rule))


def get_monthly_review_for_user(user, pk: int, rule: str = MonthlyRule.VIEW):
    """The review, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(monthly_reviews_for(user, rule).select_related("school__district"), pk=pk)


def may_monthly(user, rule: str, review) -> bool:
    """One query: whether ``user`` holds ``rule`` on ``review``."""
    return monthly_reviews_for(user, rule).filter(pk=review.pk).exists()


def may_use_monthly(user) -> bool:
    """Whether the monthly review pages exist for ``user`` at all (404 otherwise)."""
    return scope_for(user).has_role(Role.SRO, Role.SCHOOL_ADMIN, Role.COORDINATOR)


def monthly_summary_recipients(review) -> QuerySet[User]:
    """Active people the accepted month's summary goes to: the school's administrators, the district's
    coordinators, and the agency heads and police reviewers of every agency with an officer rostered at the
    school that month."""
    rostered = RosterAssignment.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=review.month), school=review.school, starts_on__lte=review.ends_on
    ).values("officer__agency_id")
    memberships = Membership.objects.filter(
        Q(role=Role.SCHOOL_ADMIN, school_id=review.school_id)
        | Q(role=Role.COORDINATOR, district_id=review.school.district_id)
        | Q(role__in=_SUMMARY_AGENCY_ROLES, agency_id__in=rostered)
    )
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("pk")


def monthly_coordinators(review) -> QuerySet[User]:
    """Active coordinators of the review's district (told when a step is overdue)."""
    memberships = Membership.objects.filter(role=Role.COORDINATOR, district_id=review.school.district_id)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id")).order_by("pk")
