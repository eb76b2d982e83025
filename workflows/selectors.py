"""What a coordinator may see of the audit log and the calendar. Outsiders get 404 (accounts.rules)."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import District, User
from accounts.rules import coordinated_district_ids
from core.models import AuditEvent
from workflows.models import SchoolCalendarClosure


def get_closure_for_coordinator(user, pk: int) -> SchoolCalendarClosure:
    """The closure, or 404 unless ``user`` coordinates its district."""
    closures = SchoolCalendarClosure.objects.select_related("district")
    return get_object_or_404(closures, pk=pk, district_id__in=coordinated_district_ids(user))


def closures_for(district: District) -> QuerySet[SchoolCalendarClosure]:
    return SchoolCalendarClosure.objects.filter(district=district).order_by("starts_on", "ends_on", "pk")


def audit_actor_choices(user) -> QuerySet[User]:
    """People who may appear as actors in the coordinator's districts: their members."""
    return (
        User.objects.filter(memberships__district_id__in=coordinated_district_ids(user))
        .distinct()
        .order_by("full_name", "email")
    )


def audit_record_types(user) -> QuerySet[ContentType]:
    """The record types the coordinator's audit log can show: those its events name (one indexed look-up per type),
    so internal tables no event is about are never offered."""
    events = AuditEvent.objects.filter(district_id__in=coordinated_district_ids(user), content_type=OuterRef("pk"))
    return ContentType.objects.filter(Exists(events)).order_by("app_label", "model")


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_events_for(
    user,
    *,
    district: District | None = None,
    kind: str = "",
    action: str = "",
    actor: User | None = None,
    record_type: ContentType | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit events of the coordinator's districts, filtered, newest first."""
    districts = coordinated_district_ids(user)
    if district is not None:
        districts = districts & {district.pk}
    events = AuditEvent.objects.filter(district_id__in=districts).select_related("content_type")
    if kind:
        events = events.filter(kind=kind)
    if action:
        events = events.filter(action=action)
    if actor is not None:
        events = events.filter(actor=actor)
    if record_type is not None:
        events = events.filter(content_type=record_type)
    if date_from:
        events = events.filter(created_at__gte=_local_midnight(date_from))
    if date_to:
        events = events.filter(created_at__lt=_local_midnight(date_to + dt.timedelta(days=1)))
    return events.order_by("-created_at", "-id")
