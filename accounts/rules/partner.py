"""Rules on MOU partner feedback rounds (``feedback.PartnerRound``)."""

from django.apps import apps
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import scope_for
from accounts.models import Membership, Role, RosterAssignment, User
from accounts.rules.grants import Grant, reach_q


class PartnerRule:
    """Names of the rules on MOU partner feedback rounds (``feedback.PartnerRound``)."""

    MANAGE = "partner.manage"  # open a round; read the raw concerns and answer them in writing
    RESULTS = "partner.results"  # read a round's results (ratings; SRO comments; never school staff's comments)


_PARTNER_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "district_id")
PARTNER_RULES: dict[str, tuple[Grant, ...]] = {
    PartnerRule.MANAGE: (_PARTNER_COORDINATOR,),
    PartnerRule.RESULTS: (
        _PARTNER_COORDINATOR,
        Grant(Role.ADVISORY, "district_id", "district_id"),
        # The agency's supervisor: a police reviewer of an agency of the round's district.
        Grant(Role.POLICE_REVIEWER, "district_id", "district_id"),
    ),
}


def partner_rounds_for(user, rule: str = PartnerRule.RESULTS) -> QuerySet:
    """Partner feedback rounds ``user`` reaches under ``rule``."""
    round_model = apps.get_model("feedback", "PartnerRound")
    return round_model.objects.filter(reach_q(user, PARTNER_RULES[rule]))


def get_partner_round_for_user(user, pk: int, rule: str = PartnerRule.RESULTS):
    """The round, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(partner_rounds_for(user, rule).select_related("district"), pk=pk)


def may_partner(user, rule: str, partner_round) -> bool:
    return partner_rounds_for(user, rule).filter(pk=partner_round.pk).exists()


def may_read_partner_feedback(user) -> bool:
    """Whether the staff partner feedback pages exist for ``user`` at all."""
    return scope_for(user).has_role(Role.COORDINATOR, Role.ADVISORY, Role.POLICE_REVIEWER)


def partner_sro_emails_for(user, district) -> set[str] | None:
    """Whose attributed SRO answers ``user`` reads in ``district``: ``None``
    for every SRO (coordinators, advisory team), else the addresses of the SROs
    of the agencies where ``user`` is a police reviewer."""
    scope = scope_for(user)
    if district.pk in scope.district_ids(Role.COORDINATOR, Role.ADVISORY):
        return None
    agencies = scope.agency_ids(Role.POLICE_REVIEWER)
    return set(Membership.objects.filter(role=Role.SRO, agency_id__in=agencies).values_list("user__email", flat=True))


def partner_invitees(district) -> tuple[list[tuple[User, int | None]], list[tuple[User, int]]]:
    """Who a round invites: (SROs of the district's agencies with the school
    they are rostered at today, or None), (school administrators with their school)."""
    sros = User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(role=Role.SRO, agency__district=district).values("user_id"),
    ).order_by("email")
    rostered = dict(
        RosterAssignment.objects.filter(officer__user__in=sros, school__district=district)
        .order_by("starts_on")
        .values_list("officer__user_id", "school_id")
    )
    admins = (
        Membership.objects.filter(role=Role.SCHOOL_ADMIN, school__district=district, user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    )
    return [(sro, rostered.get(sro.pk)) for sro in sros], [(m.user, m.school_id) for m in admins]
