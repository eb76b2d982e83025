"""Coordinator changes to the calendar and deadlines, each audited in its own transaction."""

from django.db import transaction

from accounts.models import District
from core.audit import AuditAction, AuditKind, audit_record, changes_between, instance_values
from workflows.models import DeadlinePolicy, SchoolCalendarClosure

CLOSURE_FIELDS = ("name", "kind", "starts_on", "ends_on")


@transaction.atomic
def closure_create(*, actor, district: District, data: dict, request=None) -> SchoolCalendarClosure:
    """A new closure for ``district`` from cleaned form ``data``."""
    closure = SchoolCalendarClosure(district=district, **{f: data[f] for f in CLOSURE_FIELDS})
    closure.full_clean()
    closure.save()
    after = instance_values(closure, CLOSURE_FIELDS)
    audit_record(
        actor=actor, kind=AuditKind.CLOSURE_CREATED, obj=closure, changes=changes_between({}, after), request=request
    )
    return closure


@transaction.atomic
def closure_update(*, actor, closure: SchoolCalendarClosure, data: dict, request=None) -> SchoolCalendarClosure:
    """``closure`` changed to the cleaned form ``data``; audited only when something changed."""
    before = instance_values(closure, CLOSURE_FIELDS)
    for field in CLOSURE_FIELDS:
        setattr(closure, field, data[field])
    closure.full_clean()
    changes = changes_between(before, instance_values(closure, CLOSURE_FIELDS))
    if changes:
        closure.save()
        audit_record(actor=actor, kind=AuditKind.CLOSURE_CHANGED, obj=closure, changes=changes, request=request)
    return closure


@transaction.atomic
def closure_delete(*, actor, closure: SchoolCalendarClosure, request=None) -> None:
    """Removes ``closure``; the audit event keeps what it was."""
    before = instance_values(closure, CLOSURE_FIELDS)
    audit_record(
        actor=actor,
        kind=AuditKind.CLOSURE_DELETED,
        obj=closure,
        changes=changes_between(before, {}),
        request=request,
    )
    closure.delete()


@transaction.atomic
def deadline_policy_update(*, actor, district: District, data: dict, request=None) -> DeadlinePolicy:
    """The district's deadline numbers set to ``data`` (field name → school days)."""
    policy = DeadlinePolicy.objects.select_for_update().filter(district=district).first()
    created = policy is None
    policy = policy or DeadlinePolicy(district=district)
    fields = [f.name for f in DeadlinePolicy._meta.concrete_fields if f.name.endswith("_days")]
    before = instance_values(policy, fields)
    for field in fields:
        setattr(policy, field, data[field])
    policy.full_clean()
    changes = changes_between(before, instance_values(policy, fields))
    if changes or created:
        policy.save()
        action = AuditAction.CREATED if created else AuditAction.CHANGED
        audit_record(
            actor=actor,
            kind=AuditKind.DEADLINES_CHANGED,
            action=action,
            obj=policy,
            changes=changes,
            request=request,
        )
    return policy
