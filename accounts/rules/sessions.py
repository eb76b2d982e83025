"""Rules on dialogue sessions (``feedback.Session``)."""

from django.apps import apps
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import scope_for
from accounts.models import Membership, Role, User
from accounts.rules.grants import Grant, reach_q


class SessionRule:
    """Names of the rules on dialogue sessions (``feedback.Session``)."""

    MANAGE = "session.manage"  # create, change, cancel; review what was heard; the theme list
    RUN = "session.run"  # open the roster, check in, add walk-ins, record consent, add what was heard
    CONTACTS = "session.contacts"  # read registrants' names, contact details and needs
    HEARD = "session.heard"  # read what was heard once the coordinator approved it


_SESSION_COORDINATOR = Grant(Role.COORDINATOR, "district_id", "district_id")
# A facilitator reaches only the sessions they are assigned to (``_ASSIGNED_ROLES``, added per person below).
_SESSION_FACILITATOR = Grant(Role.FACILITATOR, "district_id", "district_id")
_ASSIGNED_ROLES = frozenset({Role.FACILITATOR})

# Police roles appear in no rule: they never read who registered.
SESSION_RULES: dict[str, tuple[Grant, ...]] = {
    SessionRule.MANAGE: (_SESSION_COORDINATOR,),
    SessionRule.RUN: (_SESSION_COORDINATOR, _SESSION_FACILITATOR),
    SessionRule.CONTACTS: (_SESSION_COORDINATOR, _SESSION_FACILITATOR),
    SessionRule.HEARD: (_SESSION_COORDINATOR, Grant(Role.ADVISORY, "district_id", "district_id")),
}


def session_q(user, rule: str) -> Q:
    """The filter for sessions ``user`` reaches under ``rule``."""
    # A facilitator reaches only the sessions they are assigned to.
    return reach_q(user, SESSION_RULES[rule], narrow={role: Q(facilitators=user) for role in _ASSIGNED_ROLES})


def sessions_for(user, rule: str = SessionRule.RUN) -> QuerySet:
    """Sessions ``user`` reaches under ``rule`` (each once)."""
    session_model = apps.get_model("feedback", "Session")
    return session_model.objects.filter(pk__in=session_model.objects.filter(session_q(user, rule)).values("pk"))


def get_session_for_user(user, pk: int, rule: str = SessionRule.RUN):
    """The session, or 404 when ``user`` may not reach it under ``rule``."""
    return get_object_or_404(sessions_for(user, rule).select_related("district"), pk=pk)


def may_session(user, rule: str, session) -> bool:
    """Whether ``user`` may act on ``session`` under ``rule`` (one query)."""
    return sessions_for(user, rule).filter(pk=session.pk).exists()


def may_run_sessions(user) -> bool:
    """Whether the staff session pages exist for ``user`` at all."""
    return scope_for(user).has_role(Role.COORDINATOR, Role.FACILITATOR, Role.ADVISORY)


def session_facilitator_choices(district) -> QuerySet[User]:
    """People who hold the facilitator role in ``district`` (who may be assigned to its sessions)."""
    return User.objects.filter(
        is_active=True,
        pk__in=Membership.objects.filter(role=Role.FACILITATOR, district=district).values("user_id"),
    ).order_by("email")
