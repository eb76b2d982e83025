"""What each person reads of the SRO records, scoped by ``accounts.rules``."""

from django.db.models import BooleanField, ExpressionWrapper, QuerySet

from accounts.rules import ActivityRule, activity_q, activity_records_for
from activity.services.flags import events_with_flags


def events_for_list(user) -> QuerySet:
    """The events ``user`` reaches, newest first, with their flags and whether
    ``user`` may read each one's demographics (``demographics_shown``)."""
    events = activity_records_for(user, "EnforcementEvent", ActivityRule.VIEW)
    shown = ExpressionWrapper(activity_q(user, ActivityRule.DEMOGRAPHICS), output_field=BooleanField())
    return (
        events_with_flags(events)
        .annotate(demographics_shown=shown)
        .select_related("school", "officer", "offence")
        .order_by("-date", "-pk")
    )
