"""Writing SRO records: the one place an event or an activity is created."""

from django.db import transaction

from accounts.models import Officer
from activity.models import EnforcementEvent, OutreachActivity
from core.audit import AuditKind, audit_record, instance_values


@transaction.atomic
def event_log(*, officer: Officer, fields: dict, by, request=None) -> EnforcementEvent:
    """Saves one enforcement event by ``officer`` (their agency kept with it) and audits it."""
    event = EnforcementEvent.objects.create(officer=officer, agency_id=officer.agency_id, recorded_by=by, **fields)
    audit_record(actor=by, kind=AuditKind.ACTIVITY_EVENT_LOGGED, obj=event, changes=_created(event), request=request)
    return event


@transaction.atomic
def outreach_log(*, officer: Officer, fields: dict, by, request=None) -> OutreachActivity:
    """Saves one outreach activity by ``officer`` and audits it."""
    activity = OutreachActivity.objects.create(officer=officer, agency_id=officer.agency_id, recorded_by=by, **fields)
    audit_record(
        actor=by, kind=AuditKind.ACTIVITY_OUTREACH_LOGGED, obj=activity, changes=_created(activity), request=request
    )
    return activity


def _created(record) -> dict:
    # Demographics are in the record itself; the log keeps only what identifies the event.
    keep = ("date", "school", "type", "offence", "kind", "minutes", "people_reached")
    return {key: [None, value] for key, value in instance_values(record, keep).items()}
