"""Changes to training records made by a district's coordinator: events, attendance, required hours. Each change is
audited in its own transaction."""

from decimal import Decimal

from django.db import transaction

from assessment.models import TrainingAttendance, TrainingEvent, TrainingRequirement
from core.audit import AuditKind, audit_record, changes_between, instance_values

EVENT_FIELDS = ("title_en", "title_es", "date", "hours", "location", "audience", "joint_with_school_staff")


@transaction.atomic
def training_event_create(*, district, fields: dict, topics, by, request=None) -> TrainingEvent:
    """A new event of ``district`` with ``fields`` (``EVENT_FIELDS``) and ``topics``."""
    event = TrainingEvent.objects.create(
        district=district, created_by=by, **{name: fields[name] for name in EVENT_FIELDS if name in fields}
    )
    event.topics.set(topics)
    changes = {"topics": [None, sorted(topic.code for topic in topics)]}
    audit_record(actor=by, kind=AuditKind.TRAINING_EVENT_CREATED, obj=event, changes=changes, request=request)
    return event


@transaction.atomic
def training_event_change(*, event: TrainingEvent, fields: dict, topics, by, request=None) -> TrainingEvent:
    """``event`` with new ``fields`` and ``topics``; the audit event holds what changed (against the stored row: a
    bound ModelForm has already copied its data onto ``event``)."""
    before = instance_values(TrainingEvent.objects.get(pk=event.pk), EVENT_FIELDS)
    before_topics = sorted(event.topics.values_list("code", flat=True))
    for name in EVENT_FIELDS:
        if name in fields:
            setattr(event, name, fields[name])
    event.save()
    event.topics.set(topics)
    changes = changes_between(before, instance_values(event, EVENT_FIELDS))
    after_topics = sorted(topic.code for topic in topics)
    if after_topics != before_topics:
        changes["topics"] = [before_topics, after_topics]
    audit_record(actor=by, kind=AuditKind.TRAINING_EVENT_CHANGED, obj=event, changes=changes, request=request)
    return event


@transaction.atomic
def training_attendance_set(*, event: TrainingEvent, officers, users, by, request=None) -> None:
    """Who attended ``event``: exactly ``officers`` and ``users`` (others recorded before are removed)."""
    rows = TrainingAttendance.objects.filter(event=event)
    had_officers = set(rows.filter(officer__isnull=False).values_list("officer_id", flat=True))
    had_users = set(rows.filter(user__isnull=False).values_list("user_id", flat=True))
    new_officers, new_users = {o.pk for o in officers}, {u.pk for u in users}
    rows.filter(officer_id__in=had_officers - new_officers).delete()
    rows.filter(user_id__in=had_users - new_users).delete()
    TrainingAttendance.objects.bulk_create(
        [TrainingAttendance(event=event, officer_id=pk, recorded_by=by) for pk in sorted(new_officers - had_officers)]
        + [TrainingAttendance(event=event, user_id=pk, recorded_by=by) for pk in sorted(new_users - had_users)]
    )
    changes = {
        "officers": [sorted(had_officers), sorted(new_officers)],
        "people": [sorted(had_users), sorted(new_users)],
    }
    audit_record(actor=by, kind=AuditKind.TRAINING_ATTENDANCE_RECORDED, obj=event, changes=changes, request=request)


@transaction.atomic
def training_requirement_set(*, district, role: str, topic, hours: Decimal, by, request=None) -> None:
    """``role`` needs ``hours`` of ``topic`` (None: of any topic) each school year in ``district``; 0 removes it."""
    current = TrainingRequirement.objects.filter(district=district, role=role, topic=topic).first()
    before = current.hours if current else None
    if not hours:
        if current:
            current.delete()
        after = None
    else:
        TrainingRequirement.objects.update_or_create(
            district=district, role=role, topic=topic, defaults={"hours": hours}
        )
        after = hours
    key = f"{role}:{topic.code if topic else '*'}"
    audit_record(
        actor=by,
        kind=AuditKind.TRAINING_REQUIREMENTS_CHANGED,
        obj=district,
        changes={key: [before, after]},
        request=request,
    )
