"""The append-only audit log: who viewed, created, changed, assigned or exported what.

Call ``audit_record`` inside the transaction of the change it describes, so a
rolled-back change leaves no event and a written change always has one.
"""

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.contrib.admin.models import ADDITION, CHANGE, DELETION
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models, transaction
from django.db.models import Q

from core.clientip import client_ip
from core.models import KIND_ACTIONS, AuditAction, AuditEvent, AuditKind, AuditPurgeGate

__all__ = [
    "AuditAction",
    "AuditEvent",
    "AuditKind",
    "audit_admin_entry",
    "audit_record",
    "changes_between",
    "district_id_of",
    "instance_values",
    "mask_secrets",
]

MASK = "***"
SECRET_MARKERS = ("pin", "password", "secret", "token")
_REPR_MAX = 300
_AGENT_MAX = 500
_ADMIN_ACTIONS = {ADDITION: AuditAction.CREATED, CHANGE: AuditAction.CHANGED, DELETION: AuditAction.DELETED}


def _is_secret(key: str) -> bool:
    key = str(key).lower()
    return any(marker in key for marker in SECRET_MARKERS)


def _jsonable(value):
    """A JSON-safe form of a field value (dates as ISO text, models as pk)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, Iterable) and not isinstance(value, bytes):
        return [_jsonable(v) for v in value]
    return str(value)


def mask_secrets(changes: Mapping | None) -> dict:
    """``changes`` made JSON-safe, with any key naming a secret replaced by ``"***"``."""
    masked = {}
    for key, value in (changes or {}).items():
        if _is_secret(key):
            masked[str(key)] = MASK if not isinstance(value, list | tuple) else [MASK for _ in value]
        elif isinstance(value, Mapping):
            masked[str(key)] = mask_secrets(value)
        else:
            masked[str(key)] = _jsonable(value)
    return masked


def instance_values(obj: models.Model, fields: Iterable[str] | None = None) -> dict:
    """The concrete field values of ``obj`` (foreign keys as ids), for a before/after snapshot."""
    values = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        values[field.name] = _jsonable(getattr(obj, field.attname))
    return values


def changes_between(before: Mapping | models.Model, after: Mapping | models.Model) -> dict:
    """``{"field": [before, after]}`` for every key whose value differs.

    Either side may be a dict or a model instance; take ``instance_values(obj)``
    before editing and pass the saved instance (or its values) after.
    """
    if isinstance(before, models.Model):
        before = instance_values(before)
    if isinstance(after, models.Model):
        after = instance_values(after)
    changed = {}
    for key in sorted(set(before) | set(after), key=str):
        old, new = _jsonable(before.get(key)), _jsonable(after.get(key))
        if old != new:
            changed[str(key)] = [old, new]
    return changed


def _actor_repr(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return ""
    email = getattr(actor, "email", "") or ""
    return (f"{actor} <{email}>" if email and email != str(actor) else str(actor))[:_REPR_MAX]


def district_id_of(obj) -> int | None:
    """The district a record belongs to, found without importing the accounts app.

    A model may say it with an ``audit_district_id`` attribute; otherwise its
    ``district_id``, its school's or agency's district, or its own id when it is a District.
    """
    if obj is None:
        return None
    for attr in ("audit_district_id", "district_id"):
        value = getattr(obj, attr, None)
        if value is not None:
            return value
    if obj._meta.model_name == "district":
        return obj.pk
    for parent in ("school", "agency"):
        district_id = getattr(getattr(obj, parent, None), "district_id", None)
        if district_id is not None:
            return district_id
    return None


def audit_record(
    *,
    actor,
    kind: str = "",
    action: str = "",
    obj,
    changes: dict | None = None,
    note: str = "",
    request=None,
    district_id: int | None = None,
) -> AuditEvent:
    """Append one event and return it.

    actor: a user or None (system / anonymous public). kind: what happened, one
    of AuditKind (stored as its code, shown translated); action: the broad
    AuditAction, by default the one the kind files under (KIND_ACTIONS), so
    callers normally give only ``kind``. obj: any model instance (stored as
    content type + object id + a short text repr), or None for events about no
    record. changes: ``{"field": [before, after]}``; keys naming a pin,
    password, secret or token are stored as ``"***"``. note: free detail only
    (an address tried, a filter), never the description of the event.
    request: optional, to record the client's IP address (core.clientip) and
    user agent. district_id: optional; by default ``district_id_of(obj)``,
    which decides which district's coordinators see the event. Must be called
    inside the transaction of the change.
    """
    event = _new_event(
        actor=actor,
        kind=kind,
        action=action,
        changes=changes,
        note=note,
        request=request,
        district_id=district_id if district_id is not None else district_id_of(obj),
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        event.object_id = str(obj.pk) if obj.pk is not None else ""
        event.object_repr = str(obj)[:_REPR_MAX]
    # One INSERT, atomic on its own; a savepoint around it would only add two
    # statements to every audited request.
    event.save()
    return event


def audit_admin_entry(entry, *, district_id: int | None = None) -> AuditEvent:
    """An ``admin_change`` event for one row of Django's admin log (a LogEntry):
    who, which record (its type, id and name as the admin saw them), created,
    changed or deleted, and the admin's summary of the change as the note.
    district_id: the record's district, when the caller knows it (the record
    may be gone already); otherwise read from the record if it still exists."""
    if district_id is None:
        try:
            district_id = district_id_of(entry.get_edited_object())
        except ObjectDoesNotExist:
            district_id = None
    event = _new_event(
        actor=entry.user,
        kind=AuditKind.ADMIN_CHANGE,
        action=_ADMIN_ACTIONS[entry.action_flag],
        changes=None,
        note=entry.get_change_message() if not entry.is_deletion() else "",
        request=None,
        district_id=district_id,
    )
    event.content_type_id = entry.content_type_id
    event.object_id = entry.object_id or ""
    event.object_repr = (entry.object_repr or "")[:_REPR_MAX]
    event.save()
    return event


def _new_event(*, actor, kind, action, changes, note, request, district_id) -> AuditEvent:
    if kind and kind not in AuditKind.values:
        raise ValueError(f"Unknown audit kind {kind!r}")
    action = action or KIND_ACTIONS.get(kind, "")
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r} (give a kind, or an action for this kind)")
    if not getattr(actor, "is_authenticated", False):
        actor = None
    event = AuditEvent(
        actor=actor,
        actor_repr=_actor_repr(actor),
        action=action,
        kind=kind,
        changes=mask_secrets(changes),
        note=note,
        district_id=district_id,
    )
    if request is not None:
        event.ip_address = client_ip(request) or None
        event.user_agent = request.META.get("HTTP_USER_AGENT", "")[:_AGENT_MAX]
    return event


def audit_events_purge(*, district_id: int, before, keep: Q | None = None) -> int:
    """Deletes the district's audit events older than ``before``, except those matching ``keep`` (records under a
    legal hold); returns how many. The one way audit events are ever removed: it opens the database's purge gate
    (``AuditPurgeGate``) inside this transaction only. The caller records the purge itself with ``audit_record``."""
    with transaction.atomic():
        gate = AuditPurgeGate.objects.create()
        doomed = AuditEvent.objects.filter(district_id=district_id, created_at__lt=before)
        if keep is not None:
            doomed = doomed.exclude(keep)
        # The append-only queryset refuses delete(); the base class's raw delete is the deliberate path.
        count = models.QuerySet._raw_delete(doomed, doomed.db)
        gate.delete()
    return count
