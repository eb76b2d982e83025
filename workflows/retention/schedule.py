"""How long each record type is kept: the documented defaults (docs/retention.md) and a district's own periods."""

import datetime

from dateutil.relativedelta import relativedelta
from django.db import transaction

from accounts.models import District
from core.audit import AuditKind, audit_record
from workflows.retention.models import RecordType, RetentionRule

# Months, counted from when the record ended. Six years after closure is the period state local-government
# schedules commonly give complaints and investigations; mail contents and survey addresses are working copies;
# the audit log outlives the records it describes. Each district sets its own from its state's schedule.
DEFAULT_MONTHS = {
    RecordType.CLOSED_COMPLAINTS: 72,
    RecordType.ATTACHMENTS: 72,
    RecordType.MESSAGES: 72,
    RecordType.MAIL_BODIES: 12,
    RecordType.AUDIT_EVENTS: 84,
    RecordType.SURVEY_INVITATIONS: 12,
}


def retention_months(*, district: District) -> dict[str, int]:
    """Every record type's period in months for ``district``: its own rules over the defaults."""
    months = {str(kind): value for kind, value in DEFAULT_MONTHS.items()}
    months.update(RetentionRule.objects.filter(district=district).values_list("record_type", "months"))
    return months


def retention_cutoffs(*, district: District, now: datetime.datetime) -> dict[str, datetime.datetime]:
    """For each record type, the moment before which its records are due for purging."""
    return {kind: now - relativedelta(months=value) for kind, value in retention_months(district=district).items()}


@transaction.atomic
def retention_months_set(*, district: District, months: dict[str, int], by, request=None) -> None:
    """Saves ``district``'s periods (record type → months) and audits what changed."""
    before = retention_months(district=district)
    changes = {kind: [before[kind], value] for kind, value in months.items() if before[kind] != value}
    for kind, value in months.items():
        RetentionRule.objects.update_or_create(district=district, record_type=kind, defaults={"months": value})
    if changes:
        audit_record(actor=by, kind=AuditKind.RETENTION_CHANGED, obj=district, changes=changes, request=request)
