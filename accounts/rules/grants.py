"""The shape of every rule: ``Grant`` rows, and the filters made from them."""

from dataclasses import dataclass

from django.db.models import Q

from accounts.access import Scope, scope_for

# Matches no record: what a rule gives a person it does not reach.
NOTHING = Q(pk__in=[])


def any_of(parts) -> Q:
    """The OR of ``parts`` without those that are NOTHING (NOTHING when none is
    left), so the ORM resolves and the database plans only what can match (a
    coordinator holds one of the ten or so grants of a rule)."""
    kept = [part for part in parts if part != NOTHING]
    if not kept:
        return NOTHING
    reached = kept[0]
    for part in kept[1:]:
        reached |= part
    return reached


@dataclass(frozen=True)
class Grant:
    """Holders of ``role`` reach a record when their membership's ``via`` field
    equals the record's ``path`` and the record matches ``when``."""

    role: str
    via: str
    path: str
    when: Q = Q()


def grant_q(scope: Scope, grant: Grant, prefix: str, columns: dict[str, str] | None = None) -> Q:
    values = {
        {"district_id": m[1], "school_id": m[2], "agency_id": m[3]}[grant.via]
        for m in scope.memberships
        if m[0] == grant.role
    } - {None}
    if not values:
        return NOTHING
    path = column_path(f"{grant.path}__in", prefix, columns or {})
    return Q(**{path: sorted(values)}) & _prefixed(grant.when, prefix, columns)


def column_path(lookup: str, prefix: str, columns: dict[str, str]) -> str:
    """``lookup`` (a complaint field path) on the rows filtered: the longest
    leading part found in ``columns`` is replaced, anything else goes under ``prefix``."""
    parts = lookup.split("__")
    for end in range(len(parts), 0, -1):
        head = "__".join(parts[:end])
        if head in columns:
            return "__".join([columns[head], *parts[end:]])
    return f"{prefix}{lookup}"


def _prefixed(q: Q, prefix: str, columns: dict[str, str] | None = None) -> Q:
    """``q`` with every field path under ``prefix`` (for tasks: the process's complaint)."""
    if not prefix and not columns:
        return q
    children = [
        _prefixed(child, prefix, columns)
        if isinstance(child, Q)
        else (column_path(child[0], prefix, columns or {}), child[1])
        for child in q.children
    ]
    return Q(*children, _connector=q.connector, _negated=q.negated)


def reach_q(user, grants, *, narrow: dict | None = None) -> Q:
    """The filter for records ``user`` reaches through any of ``grants``;
    ``narrow`` adds a condition per role (e.g. a facilitator only their own
    sessions). Nobody signed out or inactive reaches anything."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    scope = scope_for(user)
    granted = ((grant, grant_q(scope, grant, "")) for grant in grants)
    return any_of(
        q & narrow[grant.role] if narrow and grant.role in narrow and q != NOTHING else q for grant, q in granted
    )
