"""Rules of staff casework: who records a complaint on someone's behalf, who
relates complaints to each other and who reopens one. Who sees a complaint at
all stays in accounts.rules.complaints."""

from django.db.models import Q, QuerySet

from accounts.access import scope_for
from accounts.models import Role, School
from accounts.rules.complaints import ComplaintRule, complaints_for


def intake_schools(user) -> QuerySet[School]:
    """Schools ``user`` may record a complaint for (received by phone, in
    person, by letter or email): a coordinator every school of their district,
    a school administrator their own school."""
    scope = scope_for(user)
    return School.objects.filter(
        Q(district_id__in=scope.district_ids(Role.COORDINATOR)) | Q(pk__in=scope.school_ids(Role.SCHOOL_ADMIN))
    )


def may_record_intake(user) -> bool:
    """Whether the staff intake form exists for ``user``."""
    return scope_for(user).has_role(Role.COORDINATOR, Role.SCHOOL_ADMIN)


def complaints_to_relate(user) -> QuerySet:
    """Complaints ``user`` may link to others or close as duplicates: those they coordinate."""
    return complaints_for(user, ComplaintRule.COORDINATE)
