"""Training compliance: each SRO's hours in a school year against what the district requires.

Who counts as an SRO: an officer of the district's partner agencies rostered at one of its schools on some day of the
school year. An event counts once it is held (dated on or before ``as_of``, today by default) within the school
year; attendance recorded for the officer or for the officer's account counts once. An event's hours are shared
evenly between its topics.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import Officer, Role
from assessment.models import TrainingAttendance, TrainingEvent, TrainingRequirement, TrainingTopic
from core.schoolyear import school_year_bounds
from core.suppression import Earlier, Line, Shown, is_small, protect_after, shown

CENT = Decimal("0.01")
ZERO = Decimal("0")


def _hours(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class TopicHours:
    """Hours of one required topic: done and required."""

    topic: TrainingTopic
    done: Decimal
    required: Decimal

    @property
    def met(self) -> bool:
        return self.done >= self.required

    @property
    def missing(self) -> Decimal:
        return max(self.required - self.done, ZERO)


@dataclass(frozen=True)
class ComplianceRow:
    """One SRO's year: hours done against hours required, overall and per required topic."""

    officer: Officer
    hours_done: Decimal
    hours_required: Decimal
    topics: tuple[TopicHours, ...]
    events: int

    @property
    def overall_met(self) -> bool:
        return self.hours_done >= self.hours_required

    @property
    def compliant(self) -> bool:
        return self.overall_met and all(topic.met for topic in self.topics)

    @property
    def missing(self) -> Decimal:
        return max(self.hours_required - self.hours_done, ZERO)

    def as_dict(self) -> dict:
        """A JSON-safe copy (hours as text with two decimals), for evidence packs and releases."""
        return {
            "officer_id": self.officer.pk,
            "officer": self.officer.full_name,
            "agency_id": self.officer.agency_id,
            "agency": self.officer.agency.name,
            "events": self.events,
            "hours_done": str(self.hours_done),
            "hours_required": str(self.hours_required),
            "compliant": self.compliant,
            "topics": [
                {
                    "code": topic.topic.code,
                    "name_en": topic.topic.name_en,
                    "name_es": topic.topic.name_es,
                    "done": str(topic.done),
                    "required": str(topic.required),
                    "met": topic.met,
                }
                for topic in self.topics
            ],
        }


def school_year_officers(*, district, school_year: int):
    """The officers rostered at a school of ``district`` on some day of ``school_year``, with their agency."""
    first, last = school_year_bounds(school_year)
    on_roster = Q(assignments__school__district=district, assignments__starts_on__lte=last) & (
        Q(assignments__ends_on__isnull=True) | Q(assignments__ends_on__gte=first)
    )
    ids = Officer.objects.filter(on_roster).values("pk")
    return Officer.objects.filter(pk__in=ids).select_related("agency").order_by("full_name", "pk")


def held_events(*, district, school_year: int, as_of: datetime.date | None = None):
    """``district``'s events of ``school_year`` held by ``as_of`` (today by default), with their topics."""
    first, last = school_year_bounds(school_year)
    last = min(last, as_of or timezone.localdate())
    return TrainingEvent.objects.filter(district=district, date__gte=first, date__lte=last).prefetch_related("topics")


def requirements_for(*, district, role: str = Role.SRO) -> tuple[Decimal, list[TrainingRequirement]]:
    """The overall hours ``role`` needs in ``district`` each year (0 when none set) and the per-topic rows."""
    rows = list(TrainingRequirement.objects.filter(district=district, role=role).select_related("topic"))
    overall = next((row.hours for row in rows if row.topic_id is None), ZERO)
    return overall, [row for row in rows if row.topic_id is not None]


def training_compliance(
    *, district, school_year: int, as_of: datetime.date | None = None, officers=None
) -> list[ComplianceRow]:
    """One row per SRO of ``district`` in ``school_year`` (by name): hours done vs required, overall and for each
    topic the district requires. ``officers`` narrows the rows (a queryset of ``Officer``, e.g. one agency's)."""
    roster = school_year_officers(district=district, school_year=school_year)
    if officers is not None:
        roster = roster.filter(pk__in=officers.values("pk"))
    roster = list(roster)
    overall, topic_rows = requirements_for(district=district)
    events = {event.pk: event for event in held_events(district=district, school_year=school_year, as_of=as_of)}
    attended = _attended(roster, events)
    rows = []
    for officer in roster:
        done, by_topic = _hours_of(events[pk] for pk in sorted(attended[officer.pk]))
        topics = tuple(
            TopicHours(topic=req.topic, done=_hours(by_topic[req.topic_id]), required=req.hours) for req in topic_rows
        )
        rows.append(
            ComplianceRow(
                officer=officer,
                hours_done=_hours(done),
                hours_required=overall,
                topics=topics,
                events=len(attended[officer.pk]),
            )
        )
    return rows


def _attended(roster: list[Officer], events: dict[int, TrainingEvent]) -> dict[int, set[int]]:
    """Officer id -> ids of the ``events`` they attended (as the officer or through their account)."""
    by_user = {officer.user_id: officer.pk for officer in roster if officer.user_id}
    officer_ids = [officer.pk for officer in roster]
    rows = TrainingAttendance.objects.filter(event_id__in=list(events)).filter(
        Q(officer_id__in=officer_ids) | Q(user_id__in=list(by_user))
    )
    attended: dict[int, set[int]] = defaultdict(set)
    for event_id, officer_id, user_id in rows.values_list("event_id", "officer_id", "user_id"):
        attended[officer_id if officer_id else by_user[user_id]].add(event_id)
    return attended


def _hours_of(events) -> tuple[Decimal, dict[int, Decimal]]:
    """Total hours of ``events`` and the hours of each topic (an event's hours shared evenly between its topics)."""
    total = ZERO
    by_topic: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for event in events:
        total += event.hours
        topics = list(event.topics.all())
        for topic in topics:
            by_topic[topic.pk] += event.hours / len(topics)
    return total, by_topic


# --- Public figures ------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PublicEvent:
    """An event as the public page shows it: no attendee names; the officers' count suppressed when small."""

    event: TrainingEvent
    held: bool
    officers: Shown


@dataclass(frozen=True)
class PublicSummary:
    """A district's training year in public numbers (every count of people through core suppression)."""

    events_held: int
    hours_held: Decimal
    events_scheduled: int
    sros: Shown
    sros_compliant: Shown
    sros_not_compliant: Shown

    def as_dict(self) -> dict:
        def cell(value: Shown):
            return {"value": value.value, "suppressed": value.suppressed}

        return {
            "events_held": self.events_held,
            "hours_held": str(self.hours_held),
            "events_scheduled": self.events_scheduled,
            "sros": cell(self.sros),
            "sros_compliant": cell(self.sros_compliant),
            "sros_not_compliant": cell(self.sros_not_compliant),
        }


def training_public_events(*, district, school_year: int, as_of: datetime.date | None = None) -> list[PublicEvent]:
    """``district``'s events of ``school_year`` by date, held or scheduled, each with the number of officers who
    attended (hidden below the district's threshold)."""
    first, last = school_year_bounds(school_year)
    today = as_of or timezone.localdate()
    events = (
        TrainingEvent.objects.filter(district=district, date__gte=first, date__lte=last)
        .annotate(officer_count=Count("attendance__officer", distinct=True))
        .prefetch_related("topics")
        .order_by("date", "pk")
    )
    threshold = district.suppression_threshold
    return [
        PublicEvent(
            event=event,
            held=event.date <= today,
            officers=Shown.of(event.officer_count, is_small(event.officer_count, threshold)),
        )
        for event in events
    ]


def training_public_summary(
    *, district, school_year: int, published: Earlier | None, as_of: datetime.date | None = None
) -> PublicSummary:
    """Events held and scheduled, their hours, and how many SROs met the requirements (SROs = compliant + not:
    complementary suppression keeps a hidden count from being worked out of the other two). ``published``: what
    the year's latest release showed and hid of the same three counts (``assessment.figures.training.published``,
    keyed "sros", "met", "not_met"), so the page never shows a count beside the release that gives one of them
    away (``core.suppression.protect_after``)."""
    events = training_public_events(district=district, school_year=school_year, as_of=as_of)
    held = [public for public in events if public.held]
    rows = training_compliance(district=district, school_year=school_year, as_of=as_of)
    met = sum(1 for row in rows if row.compliant)
    counts = {"sros": len(rows), "met": met, "not_met": len(rows) - met}
    line = Line("sros", ("met", "not_met"))
    hidden = protect_after(counts, [line], threshold=district.suppression_threshold, earlier=published)
    value = shown(counts, hidden)
    return PublicSummary(
        events_held=len(held),
        hours_held=_hours(sum((public.event.hours for public in held), ZERO)),
        events_scheduled=len(events) - len(held),
        sros=value("sros"),
        sros_compliant=value("met"),
        sros_not_compliant=value("not_met"),
    )
