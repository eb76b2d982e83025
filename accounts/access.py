"""A person's role memberships, read once per request.

The rules that turn these memberships into what a person may see, act on, be
mailed about or export live in ``accounts.rules``; nothing else reads
``Membership`` rows to decide access.
"""

from dataclasses import dataclass

from accounts.models import STAFF_ROLES, Membership


@dataclass(frozen=True)
class Scope:
    """The roles a user holds and the organisations each role reaches."""

    memberships: tuple[tuple[str, int, int | None, int | None], ...]  # (role, district, school, agency)

    @property
    def roles(self) -> frozenset[str]:
        return frozenset(m[0] for m in self.memberships)

    def has_role(self, *roles: str) -> bool:
        return any(m[0] in roles for m in self.memberships)

    def district_ids(self, *roles: str) -> set[int]:
        return {m[1] for m in self.memberships if m[0] in roles}

    def school_ids(self, *roles: str) -> set[int]:
        return {m[2] for m in self.memberships if m[0] in roles and m[2]}

    def agency_ids(self, *roles: str) -> set[int]:
        return {m[3] for m in self.memberships if m[0] in roles and m[3]}

    @property
    def is_program_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES)


_EMPTY = Scope(memberships=())


def scope_for(user) -> Scope:
    """The user's scope, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False):
        return _EMPTY
    cached = getattr(user, "_common_ground_scope", None)
    if cached is None:
        rows = Membership.objects.filter(user=user).values_list("role", "district_id", "school_id", "agency_id")
        cached = Scope(memberships=tuple(rows))
        user._common_ground_scope = cached
    return cached


def is_program_staff(user) -> bool:
    return scope_for(user).is_program_staff
