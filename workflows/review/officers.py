"""Officer history and early warning.

History: the complaints naming one officer in the last 12 and 36 months (by the date it happened), counted by
concern and final finding, use of force and bias highlighted. Read by the district's coordinators and the officer's
agency head, never by the officer (``accounts.rules.officers_for``).

Early warning: when an outcome is written, the worker checks the named officer against the district's threshold
(``EarlyWarningPolicy``: complaints, or sustained findings, within a number of months). Crossing it raises one
``EarlyWarning``: a task for the coordinators and the agency head until one of them resolves it. Raising and
resolving are audited. A warning is raised again only when the counts grew since the last one.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from accounts.models import District, Officer
from accounts.rules import officer_history_readers, officers_for
from complaints.models import Allegation, AllegationCategory, Complaint, FindingValue, Kind
from core.audit import AuditKind, audit_record, changes_between, instance_values
from notifications.services import email_enqueue
from workflows.models import EarlyWarning, EarlyWarningPolicy

WINDOWS = (12, 36)
HIGHLIGHTED = frozenset({AllegationCategory.FORCE, AllegationCategory.BIAS})
PENDING = ""  # a concern whose final finding is not written yet


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


@dataclass
class ConcernRow:
    category: str
    label: str
    highlighted: bool
    counts: dict[str, int] = field(default_factory=dict)  # final finding ("" pending) -> concerns

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        """The counts in the order of ``finding_columns()``."""
        return [self.counts.get(value, 0) for value, _label in finding_columns()]


@dataclass
class HistoryWindow:
    months: int
    since: datetime.date
    complaints: int
    rows: list[ConcernRow]

    @property
    def sustained(self) -> int:
        return sum(row.counts.get(FindingValue.SUSTAINED, 0) for row in self.rows)


def finding_columns() -> list[tuple[str, str]]:
    """The history table's columns: every final finding, then concerns still pending."""
    return [*FindingValue.choices, (PENDING, _("Pending"))]


def _officer_complaints(officer: Officer, since: datetime.date) -> QuerySet[Complaint]:
    return Complaint.objects.filter(officer=officer, kind=Kind.COMPLAINT, occurred_on__gte=since)


def officer_history(*, officer: Officer, today: datetime.date | None = None) -> list[HistoryWindow]:
    """The officer's complaints in each window (12 and 36 months): how many, and their concerns by final finding."""
    today = today or timezone.localdate()
    windows = []
    for months in WINDOWS:
        since = months_before(today, months)
        complaints = _officer_complaints(officer, since)
        counts = (
            Allegation.objects.filter(complaint__in=complaints)
            .values_list("category", "final_finding")
            .annotate(n=Count("pk"))
            .order_by()
        )
        rows = {c.value: ConcernRow(c.value, c.label, c.value in HIGHLIGHTED) for c in AllegationCategory}
        for category, finding, n in counts:
            rows[category].counts[finding] = n
        used = sorted((r for r in rows.values() if r.total), key=lambda r: (not r.highlighted, -r.total))
        windows.append(HistoryWindow(months, since, complaints.count(), used))
    return windows


def early_warnings_for(user) -> QuerySet[EarlyWarning]:
    """Early warnings ``user`` works on: those of the officers whose history they read."""
    return EarlyWarning.objects.filter(officer__in=officers_for(user)).select_related("officer", "officer__agency")


def early_warning_policy(district: District | int) -> EarlyWarningPolicy:
    """The district's threshold (the defaults, saved, when it never set one)."""
    district_id = district if isinstance(district, int) else district.pk
    return EarlyWarningPolicy.objects.get_or_create(district_id=district_id)[0]


def officer_counts(*, officer: Officer, since: datetime.date) -> tuple[int, int]:
    """(complaints, sustained final findings) naming the officer that happened on or after ``since``."""
    complaints = _officer_complaints(officer, since)
    row = complaints.aggregate(
        complaints=Count("pk", distinct=True),
        sustained=Count("allegations", filter=Q(allegations__final_finding=FindingValue.SUSTAINED)),
    )
    return row["complaints"], row["sustained"]


@transaction.atomic
def early_warning_check(*, officer_id: int, today: datetime.date | None = None) -> EarlyWarning | None:
    """Raises an early warning for the officer when they crossed their district's threshold and the counts grew
    since their last warning; returns it, or None. Safe to run twice (the officer's row is locked)."""
    officer = Officer.objects.select_for_update().select_related("agency").filter(pk=officer_id).first()
    if officer is None:
        return None
    policy = early_warning_policy(officer.agency.district_id)
    since = months_before(today or timezone.localdate(), policy.window_months)
    complaints, sustained = officer_counts(officer=officer, since=since)
    if complaints < policy.complaint_threshold and sustained < policy.sustained_threshold:
        return None
    last = officer.early_warnings.order_by("-raised_at", "-pk").first()
    if last and (last.is_open or (last.complaints >= complaints and last.sustained >= sustained)):
        return None
    warning = EarlyWarning.objects.create(
        officer=officer,
        district_id=officer.agency.district_id,
        complaints=complaints,
        sustained=sustained,
        window_months=policy.window_months,
    )
    audit_record(
        actor=None,
        kind=AuditKind.EARLY_WARNING_RAISED,
        obj=warning,
        district_id=warning.district_id,
        changes={"complaints": [None, complaints], "sustained": [None, sustained]},
    )
    _early_warning_mail(warning)
    return warning


def _early_warning_mail(warning: EarlyWarning) -> None:
    """Tells the coordinators and the agency head (never the officer) that a warning waits for them."""
    officer = warning.officer
    for user in officer_history_readers(officer):
        email_enqueue(
            template="early_warning",
            to=user.email,
            language=user.preferred_language,
            context={
                "agency_name": officer.agency.name,
                "officer_path": reverse("staff:officers:officer", args=[officer.pk]),
            },
            key=f"early-warning-{warning.pk}-{user.pk}",
            user=user,
            district=officer.agency.district,
        )


@transaction.atomic
def early_warning_resolve(*, warning: EarlyWarning, user, resolution: str, request=None) -> EarlyWarning:
    """The coordinator or the agency head records what was done; the warning closes. Audited."""
    warning = early_warnings_for(user).select_for_update(of=("self",)).filter(pk=warning.pk, resolved_at=None).first()
    if warning is None:
        raise PermissionDenied
    warning.resolution, warning.resolved_by, warning.resolved_at = resolution.strip(), user, timezone.now()
    warning.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    audit_record(
        actor=user,
        kind=AuditKind.EARLY_WARNING_RESOLVED,
        obj=warning,
        district_id=warning.district_id,
        request=request,
        changes={"resolved_at": [None, warning.resolved_at]},
        note=warning.resolution[:200],
    )
    return warning


@transaction.atomic
def early_warning_policy_update(*, policy: EarlyWarningPolicy, user, data: dict, request=None) -> EarlyWarningPolicy:
    """Saves the district's threshold (validated by the caller's form). Audited."""
    before = instance_values(policy)
    for name, value in data.items():
        setattr(policy, name, value)
    policy.save()
    audit_record(
        actor=user,
        kind=AuditKind.EARLY_WARNING_POLICY_CHANGED,
        obj=policy,
        district_id=policy.district_id,
        request=request,
        changes=changes_between(before, policy),
    )
    return policy


@task()
def early_warning_check_task(officer_id: int) -> bool:
    """Checks one officer against their district's early-intervention threshold after an outcome was written;
    True when it raised a warning. Safe twice: a warning is raised only when the counts grew since the last one."""
    return early_warning_check(officer_id=officer_id) is not None
